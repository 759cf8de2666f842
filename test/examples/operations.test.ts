/** examples/operations (issue #13, parts 1 and 2): the audit trail and every credential-lifecycle setting, as synthesized. */
import { checkStackSync } from '../../lib/checks/check';
import { checkIntentFromPlan } from '../../lib/checks/intent';
import { compile } from '../../lib/plan/compile';
import { validateTopologyFile } from '../../lib/topology';
import { byName, deref, synthExample } from './support';

const FILE = 'examples/operations/topology.yaml';
const { json } = synthExample(FILE);
const topology = validateTopologyFile(FILE);
if (!topology.ok) throw new Error('examples/operations is invalid');
const intent = checkIntentFromPlan(compile(topology.topology));

test('the signing key rotates every 12h and keeps a retired key 24h', () => {
  expect(byName(json, 'vault_identity_oidc_key', 'operations')).toEqual({ name: 'operations', algorithm: 'RS256', rotation_period: 43200, verification_ttl: 86400 });
});

test("each agent's TTLs: its own where it sets them, the topology's ceiling otherwise", () => {
  expect(byName(json, 'vault_identity_oidc_client', 'dashboard')).toMatchObject({ access_token_ttl: 600, id_token_ttl: 900 });
  expect(byName(json, 'vault_kubernetes_auth_backend_role', 'dashboard')).toMatchObject({ token_ttl: 600, token_max_ttl: 600 });
  expect(byName(json, 'vault_identity_oidc_role', 'nightly-export.reports')).toMatchObject({ ttl: 300 });
});

test('AppRole secret ids expire, allow 3 logins, from one network; the token only there too', () => {
  expect(byName(json, 'vault_approle_auth_backend_role', 'nightly-export')).toMatchObject({
    secret_id_ttl: 7200,
    secret_id_num_uses: 3,
    secret_id_bound_cidrs: ['10.40.0.0/16'],
    token_bound_cidrs: ['10.40.0.0/16'],
    token_ttl: 600,
  });
});

test('the dashboard client is at generation 2, and the client is replaced when it changes', () => {
  const client = byName(json, 'vault_identity_oidc_client', 'dashboard') as { lifecycle: { replace_triggered_by: string[] } };
  const [trigger] = client.lifecycle.replace_triggered_by;
  expect(json.resource?.terraform_data?.[trigger!.replace(/^terraform_data\./, '')]).toEqual({ triggers_replace: { client: 'dashboard', generation: 2 } });
});

test('audit: two devices and the two readable headers, from the root namespace', () => {
  const devices = Object.values(json.resource?.vault_audit ?? {});
  expect(devices.map((d) => [d.type, d.path, d.provider, (d.options as Record<string, string>).log_raw])).toEqual([
    ['file', 'a2a-file', 'vault.root', 'false'],
    ['socket', 'a2a-socket', 'vault.root', 'false'],
  ]);
  expect(Object.values(json.resource?.vault_audit_request_header ?? {})).toEqual([
    { name: 'User-Agent', hmac: false, provider: 'vault.root' },
    { name: 'X-A2A-Agent', hmac: false, provider: 'vault.root' },
  ]);
  expect((json as { provider: { vault: unknown[] } }).provider.vault).toEqual([
    { address: 'https://vault.example.com:8200', namespace: 'platform' },
    { address: 'https://vault.example.com:8200', alias: 'root' },
  ]);
});

test('owners reach the entities the token templates read', () => {
  expect(byName(json, 'vault_identity_entity', 'nightly-export').metadata).toEqual({ a2a_agent: 'nightly-export', a2a_owner: 'data-team' });
  expect(deref(json, (byName(json, 'vault_identity_oidc_provider', 'dashboard').scopes_supported as string[])[0]!)).toBe('vault_identity_oidc_scope:a2a-agent.dashboard');
});

test('zero findings with the topology intent; without its audit devices the stack fails A2A-AUDIT-REQUIRED', () => {
  expect(checkStackSync(json, intent)).toEqual([]);
  const { vault_audit: _devices, ...rest } = json.resource ?? {};
  expect(checkStackSync({ ...json, resource: rest }, intent).map((f) => f.rule)).toEqual(['A2A-AUDIT-REQUIRED']);
});
