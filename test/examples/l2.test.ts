import { Testing } from 'cdktf';
import { OidcProvider } from '../../lib';
import { ReportingOidc } from '../../examples/typescript/l2';

test('the L2 example (docs/install.md shows the same construction): a key listing exactly its client, a provider offering exactly its scope', () => {
  const stack = new ReportingOidc(Testing.app(), 'reporting');
  const json = JSON.parse(Testing.synth(stack));
  const allowed = Object.values(json.resource.vault_identity_oidc_key_allowed_client_id) as { allowed_client_id: string }[];
  const clientRef = "${vault_identity_oidc_client.dashboard.client_id}";
  expect(allowed.map((a) => a.allowed_client_id)).toEqual([clientRef]);
  const provider = Object.values(json.resource.vault_identity_oidc_provider)[0] as Record<string, unknown>;
  expect(provider.allowed_client_ids).toEqual([clientRef]);
  expect(provider.scopes_supported).toEqual([expect.stringMatching(/^\$\{vault_identity_oidc_scope\..*\.name\}$/)]);
  expect(Object.values(json.resource.vault_identity_oidc_client)).toEqual([
    expect.objectContaining({ client_type: 'confidential', id_token_ttl: 900, access_token_ttl: 900, redirect_uris: ['https://dashboard.example.com/callback'] }),
  ]);
  expect(JSON.stringify(json)).not.toContain('"*"');
});

test('the L2s refuse a wildcard client', () => {
  const stack = new ReportingOidc(Testing.app(), 'reporting-2');
  expect(
    () => new OidcProvider(stack, 'open', { name: 'open', vaultAddress: 'https://vault.example.com:8200', clients: ['*'], scopes: [] }),
  ).toThrow(/\*/);
});
