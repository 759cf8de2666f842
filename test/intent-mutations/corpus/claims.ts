/**
 * Claims: an extra `true` grant claim in a scope or identity-token role template, written plainly,
 * with JSON-escaped keys, base64-encoded, or through a new scope on the provider.
 */
import { addResource, ref, res } from '../edit';
import type { Widening } from '../types';

const C = 'claims' as const;
const SCOPE = 'vault_identity_oidc_scope';
const ROLE = 'vault_identity_oidc_role';

/** Appends `"<rawKey>":true` to a JSON object template, `rawKey` written exactly as given (escapes kept). */
function appendRawClaim(template: string, rawKey: string): string {
  const trimmed = template.trimEnd();
  if (!trimmed.endsWith('}')) throw new Error(`not a JSON object template: ${template}`);
  return `${trimmed.slice(0, -1)},"${rawKey}":true}`;
}

/**
 * Adds `"<claim>":true` to an identity-token role template, last or first. Role templates hold
 * Vault template parameters (`{{identity.entity.metadata.a2a_agent}}`, unquoted), so they are
 * edited as text, not parsed as JSON.
 */
function withClaim(template: string, claim: string, where: 'last' | 'first' = 'last'): string {
  if (where === 'last') return appendRawClaim(template, claim);
  const trimmed = template.trimStart();
  if (!trimmed.startsWith('{')) throw new Error(`not a JSON object template: ${template}`);
  return `{"${claim}":true,${trimmed.slice(1)}`;
}

export const CLAIMS: readonly Widening[] = [
  {
    id: 'claims/scope-extra-claim',
    category: C,
    base: 'hello-world',
    edit: (d) => {
      const scope = res(d, SCOPE, 'hello-world.hello_world.read');
      scope.template = JSON.stringify({ ...JSON.parse(scope.template), 'hello-world.super_hello_world.read': true });
    },
    why: "every user signing in through test-client gets \"hello-world.super_hello_world.read\": true in ID tokens and userinfo, a grant nobody holds [E, A5].",
  },
  {
    id: 'claims/token-role-extra-claim',
    category: C,
    base: 'headless',
    edit: (d) => {
      const role = res(d, ROLE, 'test-client.hello-world');
      role.template = withClaim(role.template, 'hello-world.super_hello_world.read');
    },
    why: "test-client's identity tokens for hello-world carry hello-world.super_hello_world.read: test-client gains the extended skill [E].",
  },
  {
    id: 'claims/token-role-extra-claim-escaped-key',
    category: C,
    base: 'headless',
    edit: (d) => {
      const role = res(d, ROLE, 'test-client.hello-world');
      role.template = appendRawClaim(role.template, 'hello-world.\\u0073uper_hello_world.read');
    },
    why: "the extra key is written with a JSON escape (\\u0073 = s); Vault's JSON decoder reads hello-world.super_hello_world.read, so test-client's tokens carry it [E].",
  },
  {
    id: 'claims/token-role-approve-claim',
    category: C,
    base: 'expense',
    edit: (d) => {
      const role = res(d, ROLE, 'bookkeeper.expense');
      role.template = withClaim(role.template, 'expense.expense.approve');
    },
    why: "bookkeeper's tokens for expense carry expense.expense.approve, an action the topology grants to nobody [E].",
  },
  {
    id: 'claims/scope-of-shared-provider-extra-claim',
    category: C,
    base: 'portal',
    edit: (d) => {
      const scope = res(d, SCOPE, 'reports.reports.read');
      scope.template = JSON.stringify({ ...JSON.parse(scope.template), 'reports.reports.write': true });
    },
    why: "scope reports.reports.read (offered by web's provider) now also sets reports.reports.write: web's users (alice, carol) gain write [E, A7].",
  },
  {
    id: 'claims/token-role-base64-template',
    category: C,
    base: 'machines',
    edit: (d) => {
      const role = res(d, ROLE, 'cron.ledger');
      role.template = Buffer.from(JSON.stringify({ 'ledger.ledger.read': true, 'ledger.ledger.post': true })).toString('base64');
    },
    why: "Vault accepts role templates base64-encoded; decoded, cron's template adds ledger.ledger.post, so cron's tokens carry a grant only deployer has [E].",
  },
  {
    id: 'claims/token-role-escaped-key-portal',
    category: C,
    base: 'portal',
    edit: (d) => {
      const role = res(d, ROLE, 'batch.reports');
      role.template = appendRawClaim(role.template, 'reports.reports.\\u0077rite');
    },
    why: "batch's tokens for reports carry reports.reports.write (key written with \\u0077 = w), a grant batch was not given [E].",
  },
  {
    id: 'claims/new-scope-on-provider',
    category: C,
    base: 'hello-world',
    edit: (d) => {
      addResource(d, SCOPE, 'super', { name: 'hello-world.super_hello_world.read', template: '{"hello-world.super_hello_world.read":true}' });
      res(d, 'vault_identity_oidc_provider', 'test-client').scopes_supported.push('${vault_identity_oidc_scope.super.name}');
    },
    why: "a new scope offered by test-client's provider: any client of that provider may request it, so test-client and its users gain hello-world.super_hello_world.read [A5, E].",
  },
  {
    id: 'claims/token-role-claim-of-other-agent',
    category: C,
    base: 'machines',
    edit: (d) => {
      const role = res(d, ROLE, 'deployer.ledger');
      role.template = withClaim(role.template, 'ledger.ledger.read', 'first');
    },
    why: "deployer's tokens for ledger carry ledger.ledger.read in addition to post (key placed first): deployer gains read [E].",
  },
  {
    id: 'claims/registry-token-role-extra-claim',
    category: C,
    base: 'agent-registry',
    edit: (d) => {
      const role = res(d, ROLE, 'travel-planner.expense');
      role.template = appendRawClaim(role.template, 'expense.expense.approve');
    },
    why: "travel-planner's tokens for expense carry expense.expense.approve as well as submit [E].",
  },
  {
    id: 'claims/scope-template-escaped-whole-key',
    category: C,
    base: 'hello-world',
    edit: (d) => {
      const scope = res(d, SCOPE, 'hello-world.hello_world.read');
      scope.template = appendRawClaim(scope.template, '\\u0068ello-world.super_hello_world.read');
    },
    why: "the scope adds a key whose first letter is escaped (\\u0068 = h): test-client's users get hello-world.super_hello_world.read [E].",
  },
  {
    id: 'claims/scope-offered-by-other-provider',
    category: C,
    base: 'portal',
    edit: (d) => res(d, 'vault_identity_oidc_provider', 'web').scopes_supported.push(ref(d, SCOPE, 'reports.reports.write', 'name')),
    why: "web's provider now supports reports.reports.write (scopes are provider-wide): web and its users may request write [A5, E].",
  },
  // Agent metadata in tokens (issue #13 part 3).
  {
    id: 'claims/agent-scope-extra-claim',
    category: C,
    base: 'operations',
    edit: (d) => (res(d, SCOPE, 'a2a-agent.dashboard').template = withClaim(res(d, SCOPE, 'a2a-agent.dashboard').template, 'reports.reports.export', 'first')),
    why: "every user signing in through dashboard gets reports.reports.export: true in the ID token and userinfo, a grant the topology gives only nightly-export [E].",
  },
  {
    id: 'claims/agent-metadata-impersonates',
    category: C,
    base: 'operations',
    edit: (d) => (res(d, 'vault_identity_entity', 'nightly-export').metadata.a2a_agent = 'dashboard'),
    why: "nightly-export's identity tokens say a2a_agent.name = dashboard (the role template reads the entity's metadata), so servers that trust the claim take it for dashboard [E].",
  },
];
