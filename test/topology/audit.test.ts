/**
 * The audit trail (issue #13, part 1): one mistake per document, one issue at its path and
 * line:column; the defaults a valid `audit` normalizes to; the one-device warning.
 */
import { normalizeTopology, parseTopologyText } from '../../lib/topology';
import { doc, expectOneIssue, hello, type OneMistakeCase } from './support';

const audit = (...lines: string[]): string => ['audit:', ...lines].join('\n');
const FILE = '    - { type: file, filePath: /var/log/vault/audit.log }';

const cases: OneMistakeCase[] = [
  {
    title: 'required (the default) without a device',
    text: doc('agents:', hello, audit('  requestHeaders: [{ name: User-Agent }]')),
    path: 'audit.devices',
    message: 'the audit trail is required (audit.required defaults to true) but no device is configured',
    at: [11, 3],
    fix: 'set "required: false" when the devices are managed outside this stack',
  },
  {
    title: 'a file device without a path',
    text: doc('agents:', hello, audit('  devices:', '    - { type: file }', FILE.replace('file,', 'file, path: second,'))),
    path: 'audit.devices[0].filePath',
    message: 'is required for a file device',
    at: [12, 7],
  },
  {
    title: 'a file device that discards',
    text: doc('agents:', hello, audit('  devices:', '    - { type: file, filePath: discard }', '    - { type: syslog }')),
    path: 'audit.devices[0].filePath',
    message: '"discard" writes nothing',
    at: [12, 31],
  },
  {
    title: 'a world-readable audit log',
    text: doc('agents:', hello, audit('  devices:', '    - { type: file, filePath: /var/log/vault/audit.log, mode: "0644" }', '    - { type: syslog }')),
    path: 'audit.devices[0].mode',
    message: '"0644" lets every user on the Vault host access the audit log',
    at: [12, 63],
    fix: 'use "0600" (the default)',
  },
  {
    title: 'a socket setting on a file device',
    text: doc('agents:', hello, audit('  devices:', '    - { type: file, filePath: /var/log/vault/audit.log, address: "logs:9090" }', '    - { type: syslog }')),
    path: 'audit.devices[0].address',
    message: 'is not a setting of a file device',
    at: [12, 57],
  },
  {
    title: 'a socket address without a port',
    text: doc('agents:', hello, audit('  devices:', FILE, '    - { type: socket, address: logs.example.com }')),
    path: 'audit.devices[1].address',
    message: '"logs.example.com" is not host:port',
    at: [13, 32],
  },
  {
    title: 'two devices at one path',
    text: doc('agents:', hello, audit('  devices:', FILE, FILE.replace('audit.log', 'second.log'))),
    path: 'audit.devices[1].type',
    message: 'audit.devices[0] is already enabled at path "file"',
    at: [13, 15],
    fix: 'give each device its own "path"',
  },
  {
    title: 'log_raw is not a field',
    text: doc('agents:', hello, audit('  devices:', FILE, '    - { type: syslog, logRaw: true }')),
    path: 'audit.devices[1].logRaw',
    message: 'unknown field "logRaw"',
    at: [13, 23],
  },
  {
    title: 'X-Vault-Token audited in plaintext',
    text: doc('agents:', hello, audit('  devices:', FILE, '    - { type: syslog }', '  requestHeaders: [{ name: X-Vault-Token }]')),
    path: 'audit.requestHeaders[0].name',
    message: '"X-Vault-Token" carries credentials',
    at: [14, 28],
    fix: 'set "hmac: true"',
  },
  {
    title: 'a header listed twice, in another case',
    text: doc('agents:', hello, audit('  devices:', FILE, '    - { type: syslog }', '  requestHeaders: [{ name: User-Agent }, { name: user-agent }]')),
    path: 'audit.requestHeaders[1].name',
    message: '"user-agent" is listed twice (also [0]; Vault compares header names without case)',
    at: [14, 50],
  },
];

describe('one mistake, one issue', () => {
  test.each(cases)('$title', expectOneIssue);
});

test('defaults: required, device paths from the type, file mode 0600, syslog AUTH/vault, User-Agent and X-A2A-Agent in plaintext', () => {
  const t = normalizeTopology({
    version: 1,
    vault: { address: 'https://vault.example.com' },
    agents: { hello: { url: 'https://hello.example.com', skills: [{ id: 's', actions: ['a'] }] } },
    audit: { devices: [{ type: 'syslog' }, { type: 'file', filePath: '/var/log/vault/audit.log' }] },
  });
  expect(t.audit).toEqual({
    required: true,
    devices: [
      { path: 'file', type: 'file', local: false, format: 'json', elideListResponses: false, sink: { kind: 'file', filePath: '/var/log/vault/audit.log', mode: '0600' } },
      { path: 'syslog', type: 'syslog', local: false, format: 'json', elideListResponses: false, sink: { kind: 'syslog', facility: 'AUTH', tag: 'vault' } },
    ],
    requestHeaders: [
      { name: 'User-Agent', hmac: false },
      { name: 'X-A2A-Agent', hmac: false },
    ],
  });
});

test('one device is valid, with a warning that it can stop Vault', () => {
  const result = parseTopologyText(doc('agents:', hello, audit('  devices:', FILE)), 't.yaml');
  expect(result.ok).toBe(true);
  expect(result.ok && result.warnings.map((w) => [w.path, w.line, w.message])).toEqual([
    ['audit.devices', 11, 'one audit device: when it cannot write (a full disk, an unreachable collector), Vault refuses every request'],
  ]);
});

test('required: false allows no device (devices managed elsewhere), headers only', () => {
  const result = parseTopologyText(doc('agents:', hello, audit('  required: false')), 't.yaml');
  expect(result.ok && result.topology.audit).toEqual({
    required: false,
    devices: [],
    requestHeaders: [
      { name: 'User-Agent', hmac: false },
      { name: 'X-A2A-Agent', hmac: false },
    ],
  });
});
