/** Audit devices and audited headers (issue #13, part 1): L2s, and the L3 with a namespaced Vault. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AuditDevice } from '../../lib/constructs/audit-device';
import { AuditedRequestHeader } from '../../lib/constructs/audit-request-header';
import { checkStackSync } from '../../lib/checks/check';
import { topologyApp } from '../../lib/app';
import { onlyResource, resources, synthStack } from '../support/synth';

const scope = (): Construct => new TerraformStack(Testing.app(), 't');

describe('AuditDevice', () => {
  test('writes every option out: never log_raw, accessors hashed, a private file', () => {
    const json = synthStack((s) => new AuditDevice(s, 'file', { path: 'a2a-file', sink: { kind: 'file', filePath: '/var/log/vault/audit.log' } }));
    expect(onlyResource(json, 'vault_audit')).toEqual({
      type: 'file',
      path: 'a2a-file',
      local: false,
      options: { file_path: '/var/log/vault/audit.log', mode: '0600', format: 'json', hmac_accessor: 'true', log_raw: 'false', elide_list_responses: 'false' },
    });
  });

  test('socket and syslog sinks get their own settings', () => {
    const json = synthStack((s) => {
      new AuditDevice(s, 'socket', { path: 'socket', sink: { kind: 'socket', address: 'logs.example.com:9090' }, prefix: 'vault:' });
      new AuditDevice(s, 'syslog', { path: 'syslog', sink: { kind: 'syslog', facility: 'LOCAL7' }, local: true });
    });
    expect(resources(json, 'vault_audit').map((r) => [r.type, r.local, r.options])).toEqual([
      ['socket', false, expect.objectContaining({ address: 'logs.example.com:9090', socket_type: 'tcp', prefix: 'vault:' })],
      ['syslog', true, expect.objectContaining({ facility: 'LOCAL7', tag: 'vault' })],
    ]);
  });

  test('refuses a trail that is no trail, a shared log file and a bad path, all at once', () => {
    expect(() => new AuditDevice(scope(), 'd', { path: '/audit/', sink: { kind: 'file', filePath: 'discard', mode: '0666' } })).toThrow(
      /path "\/audit\/" must be a mount path[\s\S]*"discard" keeps no audit trail[\s\S]*"0666" gives every user on the Vault host access/,
    );
  });
});

describe('AuditedRequestHeader', () => {
  test('readable by default; a credential header only with hmac', () => {
    const json = synthStack((s) => {
      new AuditedRequestHeader(s, 'ua', { name: 'User-Agent' });
      new AuditedRequestHeader(s, 'auth', { name: 'Authorization', hmac: true });
    });
    expect(resources(json, 'vault_audit_request_header')).toEqual([
      { name: 'Authorization', hmac: true },
      { name: 'User-Agent', hmac: false },
    ]);
    expect(() => new AuditedRequestHeader(scope(), 'h', { name: 'X-Vault-Token' })).toThrow('"X-Vault-Token" carries credentials');
  });
});

describe('A2aVaultTopology with audit and a vault.namespace', () => {
  const text = [
    'version: 1',
    'vault: { address: "https://vault.example.com:8200", namespace: agents }',
    'authMounts: { k8s: { type: kubernetes, path: kubernetes } }',
    'agents:',
    '  hello: { url: "https://hello.example.com", skills: [{ id: s, actions: [a] }] }',
    '  client:',
    '    login: { mount: k8s, serviceAccount: client, namespace: apps, audience: vault }',
    '    headless: true',
    '    calls: [{ agent: hello, grants: ["s:a"] }]',
    'audit:',
    '  devices:',
    '    - { type: file, filePath: /var/log/vault/audit.log }',
    '    - { type: socket, address: "logs.example.com:9090" }',
    '',
  ].join('\n');

  type Json = { provider: { vault: unknown[] }; resource: Record<string, Record<string, { provider?: string }>> };

  function synth(): Json {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-audit-'));
    try {
      fs.writeFileSync(path.join(dir, 't.yaml'), text);
      const app = topologyApp(path.join(dir, 't.yaml'), () => Testing.app());
      if (!app.ok) throw new Error(app.message);
      return JSON.parse(Testing.synth(app.stack)) as Json;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const json = synth();

  test('devices and headers are written through a provider without namespace, aliased root', () => {
    expect(json.provider.vault).toEqual([
      { address: 'https://vault.example.com:8200', namespace: 'agents' },
      { address: 'https://vault.example.com:8200', alias: 'root' },
    ]);
    const audit = [...Object.values(json.resource.vault_audit), ...Object.values(json.resource.vault_audit_request_header)];
    expect(audit.map((r) => r.provider)).toEqual(['vault.root', 'vault.root', 'vault.root', 'vault.root']);
    // Everything else stays in the namespace (the default provider).
    expect(Object.values(json.resource.vault_policy).every((p) => p.provider === undefined)).toBe(true);
  });

  test('the stack passes every check, with the requirement and without a device it fails', () => {
    expect(checkStackSync(json, { auditRequired: true })).toEqual([]);
    const { vault_audit: _devices, ...rest } = json.resource;
    const withoutDevices = { ...json, resource: rest };
    expect(checkStackSync(withoutDevices, { auditRequired: true }).map((f) => f.rule)).toEqual(['A2A-AUDIT-REQUIRED']);
    expect(checkStackSync(withoutDevices)).toEqual([]);
  });
});
