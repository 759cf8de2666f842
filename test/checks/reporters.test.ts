import * as fs from 'fs';
import { checkStackSync } from '../../lib/checks/check';
import { formatJson } from '../../lib/checks/reporters/json';
import { indexJsonKeys, locate } from '../../lib/checks/reporters/locate';
import { formatText } from '../../lib/checks/reporters/text';
import { fixture, fixturePath, res } from './support';

describe('reporters', () => {
  const doc = fixture('hello-world');
  res(doc, 'vault_identity_oidc_client', 'client_test-client').access_token_ttl = 7200;
  res(doc, 'vault_identity_oidc_provider', 'provider_test-client').https_enabled = false;
  const findings = checkStackSync(doc);

  it('text: one block per principal, one line per finding, its fix below', () => {
    expect(formatText(findings, 1)).toBe(
      [
        'vault-a2a check: 1 stack checked: 2 errors, 0 warnings.',
        '',
        'hello-world',
        '  oidc-client:test-client',
        '    error      A2A-TTL-OIDC-TOKEN  vault_identity_oidc_client.client_test-client: client "test-client" access_token_ttl is 2h; limit 30m',
        '               fix: Set id_token_ttl and access_token_ttl explicitly, e.g. 900 (15 minutes).',
        '  (not tied to one principal)',
        '    error      A2A-PROVIDER-HTTPS  vault_identity_oidc_provider.provider_test-client: provider "test-client" sets https_enabled = false: its issuer is http://vault.example.com:8200',
        '               fix: Remove https_enabled = false (the default is true) and serve Vault over TLS.',
        '',
      ].join('\n'),
    );
  });

  it('json: the documented shape', () => {
    const report = JSON.parse(formatJson(findings));
    expect(report.findings[0]).toEqual({
      rule: 'A2A-PROVIDER-HTTPS',
      severity: 'error',
      resource: 'vault_identity_oidc_provider.provider_test-client',
      message: 'provider "test-client" sets https_enabled = false: its issuer is http://vault.example.com:8200',
      stack: 'hello-world',
      fix: 'Remove https_enabled = false (the default is true) and serve Vault over TLS.',
    });
  });

  it('locates resources, data sources and outputs in a cdk.tf.json', () => {
    const text = fs.readFileSync(fixturePath('hello-world'), 'utf8');
    const index = indexJsonKeys(text);
    const lines = text.split('\n');
    for (const [address, key] of [
      ['vault_policy.policy_test-client', '"policy_test-client": {'],
      ['data.vault_auth_backend.mount_kubernetes', '"mount_kubernetes": {'],
      ['output.client_id_test-client', '"client_id_test-client": {'],
    ] as const) {
      const pos = locate(index, address)!;
      expect(lines[pos.line - 1]!.slice(pos.column - 1)).toBe(key);
    }
    expect(locate(index, 'vault_policy.nope')).toBeUndefined();
  });
});
