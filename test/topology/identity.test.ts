/**
 * Cert logins (a CA file next to the topology, exactly one name) and external groups (IdP group
 * aliases on an oidc or jwt mount with a groups claim): what validates, what normalizes, and
 * every mistake refused with its path, line:column and fix.
 */
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { normalizeTopology, parseTopologyText, validateTopologyFile, type TopologyIssue } from '../../lib/topology';

const CA = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'identity-provider', 'agents-ca.pem'), 'utf8');
const LEAF = fs.readFileSync(path.join(__dirname, 'fixtures', 'certs', 'leaf.pem'), 'utf8');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-identity-'));
  fs.writeFileSync(path.join(dir, 'ca.pem'), CA);
  fs.writeFileSync(path.join(dir, 'ca-crlf.pem'), `\n${CA.replace(/\n/g, '\r\n')}\n`);
  fs.writeFileSync(path.join(dir, 'leaf.pem'), LEAF);
  fs.copyFileSync(path.join(__dirname, '..', '..', 'examples', 'identity-provider', 'spiffe-ca.pem'), path.join(dir, 'other-ca.pem'));
  // A throwaway key made here, so no private key is ever committed, not even a test one.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(path.join(dir, 'bundle-with-key.pem'), `${CA}${privateKey.export({ type: 'pkcs8', format: 'pem' }) as string}`);
  fs.writeFileSync(path.join(dir, 'garbage.pem'), `hello\n${CA}`);
  fs.writeFileSync(path.join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEAD = `version: 1
vault: { address: "https://vault.example.com:8200" }
authMounts:
  mtls: { type: cert, path: cert }
  corp: { type: oidc, path: oidc, groupsClaim: groups }
  up: { type: userpass, path: userpass }
  k8s: { type: kubernetes, path: kubernetes }
`;
const SERVER = '  ledger: { url: "https://ledger.example.com", skills: [{ id: ledger, actions: [read] }] }';

function write(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${HEAD}${body}\n`);
  return file;
}

function issues(name: string, body: string): TopologyIssue[] {
  const result = validateTopologyFile(write(name, body));
  if (result.ok) throw new Error('expected the topology to be invalid');
  return result.issues;
}

const certAgent = (login: string) => `agents:\n${SERVER}\n  bot:\n    login: ${login}\n    headless: true\n    calls: [{ agent: ledger, grants: ["ledger:read"] }]`;

describe('cert logins', () => {
  it('reads the CA next to the topology file and keeps only its certificate blocks, line endings normalized', () => {
    const result = validateTopologyFile(write('ok.yaml', certAgent('{ kind: cert, mount: mtls, caCertificate: ca-crlf.pem, commonName: bot.example.org }')));
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    const login = result.topology.agents.find((a) => a.name === 'bot')!.login;
    expect(login).toEqual({ kind: 'cert', mount: 'mtls', caCertificate: CA.trim() + '\n', name: { kind: 'common-name', value: 'bot.example.org' } });
  });

  it('a uriSan login normalizes to that name; the same text from another directory gives the same topology', () => {
    const body = certAgent('{ mount: mtls, caCertificate: ca.pem, uriSan: "spiffe://example.org/ns/ci/sa/bot" }');
    const a = validateTopologyFile(write('uri.yaml', body));
    const b = parseTopologyText(`${HEAD}${body}\n`, 'elsewhere/t.yaml', { baseDir: dir });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.topology).toEqual(a.topology);
    expect(a.topology.agents.find((x) => x.name === 'bot')!.login).toMatchObject({ name: { kind: 'uri-san', value: 'spiffe://example.org/ns/ci/sa/bot' } });
  });

  it('a TypeScript topology reads the CA relative to baseDir', () => {
    const t = normalizeTopology(
      {
        version: 1,
        vault: { address: 'https://vault.example.com:8200' },
        authMounts: { mtls: { type: 'cert', path: 'cert' } },
        agents: {
          ledger: { url: 'https://ledger.example.com', skills: [{ id: 'ledger', actions: ['read'] }] },
          bot: { login: { mount: 'mtls', caCertificate: 'ca.pem', commonName: 'bot' }, headless: true, calls: [{ agent: 'ledger', grants: ['ledger:read'] }] },
        },
      },
      { baseDir: dir },
    );
    expect(t.agents.find((a) => a.name === 'bot')!.login).toMatchObject({ kind: 'cert', caCertificate: CA.trim() + '\n' });
  });

  it.each([
    ['a private key in the CA file', 'bundle-with-key.pem', 'holds a PRIVATE key', 'treat this key as leaked'],
    ['a certificate that is not a CA', 'leaf.pem', 'is not a CA certificate', 'basicConstraints CA:TRUE'],
    ['text around the PEM', 'garbage.pem', 'is not well-formed PEM', 'openssl x509'],
    ['a block that does not decode', 'broken.pem', 'does not decode as an X.509 certificate', 'openssl x509'],
    ['a missing file', 'nope.pem', 'cannot read the CA certificate "nope.pem": file not found', 'relative to the directory of the topology file'],
  ])('refuses %s, at caCertificate, without quoting the file', (_title, file, message, fix) => {
    const found = issues(`bad-${file}.yaml`, certAgent(`{ mount: mtls, caCertificate: ${file}, commonName: bot }`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'agents.bot.login.caCertificate', line: 11, column: 42 });
    expect(found[0]!.message).toContain(message);
    expect(found[0]!.fix).toContain(fix);
    expect(JSON.stringify(found)).not.toContain('MII');
  });

  it('needs exactly one of commonName and uriSan', () => {
    const none = issues('none.yaml', certAgent('{ mount: mtls, caCertificate: ca.pem }'));
    expect(none.map((i) => [i.path, i.message])).toEqual([['agents.bot.login.commonName', expect.stringContaining('every certificate the CA issues logs in as this agent')]]);
    const both = issues('both.yaml', certAgent('{ mount: mtls, caCertificate: ca.pem, commonName: bot, uriSan: "spiffe://x/y" }'));
    expect(both.map((i) => i.path)).toEqual(['agents.bot.login.uriSan']);
    expect(both[0]!.message).toContain('exactly one name');
  });

  it('refuses globs and malformed names in the schema, a missing CA, cert fields on other logins and a kind that is not the mount type', () => {
    expect(issues('glob.yaml', certAgent('{ mount: mtls, caCertificate: ca.pem, commonName: "*.example.org" }')).map((i) => i.path)).toEqual(['agents.bot.login.commonName']);
    expect(issues('uglob.yaml', certAgent('{ mount: mtls, caCertificate: ca.pem, uriSan: "spiffe://example.org/*" }')).map((i) => i.path)).toEqual(['agents.bot.login.uriSan']);
    expect(issues('noca.yaml', certAgent('{ mount: mtls, commonName: bot }')).map((i) => [i.path, i.message])).toEqual([['agents.bot.login.caCertificate', 'is required for a cert login (mount "mtls")']]);
    const onK8s = issues('k8s.yaml', certAgent('{ mount: k8s, serviceAccount: bot, namespace: ci, audience: vault, commonName: bot }'));
    expect(onK8s.map((i) => [i.path, i.message])).toEqual([['agents.bot.login.commonName', 'is not allowed for a kubernetes login (mount "k8s")']]);
    const kind = issues('kind.yaml', certAgent('{ kind: jwt, mount: mtls, caCertificate: ca.pem, commonName: bot }'));
    expect(kind.map((i) => [i.path, i.message])).toEqual([['agents.bot.login.kind', 'says jwt, but auth mount "mtls" is a cert mount']]);
  });

  it('refuses two agents pinned by the same name on one mount (common names compared without case)', () => {
    const calls = 'headless: true, calls: [{ agent: ledger, grants: ["ledger:read"] }]';
    const body = `agents:\n${SERVER}\n  a: { login: { mount: mtls, caCertificate: ca.pem, commonName: Bot }, ${calls} }\n  b: { login: { mount: mtls, caCertificate: ca.pem, commonName: bot }, ${calls} }`;
    const found = issues('dup.yaml', body);
    expect(found.map((i) => i.path)).toEqual(['agents.b.login.commonName']);
    expect(found[0]!.message).toContain('agent "a" logs in on mount "mtls" with the same commonName');
  });

  it('refuses a uriSan login for an agent whose entity other objects name (an actor)', () => {
    const body = [
      'users:',
      '  alice: { mount: up }',
      'agents:',
      SERVER,
      '  chat:',
      '    login: { mount: k8s, serviceAccount: chat, namespace: ci, audience: vault }',
      '    oidc: { redirectUris: ["https://chat.example.com/cb"], users: [alice] }',
      '    calls: [{ agent: ledger, grants: ["ledger:read"] }]',
      '  bot:',
      '    login: { mount: mtls, caCertificate: ca.pem, uriSan: "spiffe://example.org/bot" }',
      '    headless: true',
      '    calls: [{ agent: ledger, grants: ["ledger:read"] }]',
      '    actsFor: [alice]',
    ].join('\n');
    const found = issues('actor.yaml', body);
    expect(found.map((i) => i.path)).toEqual(['agents.bot.login.uriSan']);
    expect(found[0]!.message).toContain('needs its entity in advance');
    expect(found[0]!.fix).toContain('commonName');
  });
});

describe('external groups', () => {
  const portal = (users: string) =>
    `agents:\n${SERVER}\n  portal:\n    login: { mount: k8s, serviceAccount: portal, namespace: ci, audience: vault }\n    oidc: { redirectUris: ["https://p.example.com/cb"], users: ${users} }\n    calls: [{ agent: ledger, grants: ["ledger:read"] }]`;

  it('are members of oidc.users as group:<name>, normalized with mount and IdP group', () => {
    const result = validateTopologyFile(write('eg.yaml', `externalGroups:\n  staff: { mount: corp, alias: "Finance Team" }\n${portal('["group:staff"]')}`));
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    expect(result.topology.externalGroups).toEqual([{ name: 'staff', mount: 'corp', alias: 'Finance Team' }]);
    expect(result.topology.mounts.find((m) => m.name === 'corp')).toEqual({ name: 'corp', type: 'oidc', path: 'oidc', groupsClaim: 'groups' });
    expect(result.topology.agents.find((a) => a.name === 'portal')!.oidc!.members).toEqual({ users: [], groups: ['staff'] });
  });

  it('refuse a mount that is not oidc or jwt, a mount without groupsClaim, a second alias for one IdP group and a name an internal group has', () => {
    const text = [
      'groups:',
      '  staff: {}',
      'externalGroups:',
      '  staff: { mount: corp, alias: A }',
      '  other: { mount: corp, alias: A }',
      '  k: { mount: k8s, alias: B }',
      '  u: { mount: nojwt, alias: C }',
      'agents:',
      SERVER,
    ].join('\n');
    const file = write('eg-bad.yaml', text.replace('  k8s: { type: kubernetes, path: kubernetes }', '  k8s: { type: kubernetes, path: kubernetes }'));
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('authMounts:\n', 'authMounts:\n  nojwt: { type: jwt, path: jwt }\n'));
    const result = validateTopologyFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.message.slice(0, 60)])).toEqual([
      ['authMounts.nojwt', expect.stringContaining('external group "u" takes its members from mount "nojwt"')],
      ['externalGroups.staff', expect.stringContaining('names both a group and an external group')],
      ['externalGroups.other.alias', expect.stringContaining('already maps IdP group "A"')],
      ['externalGroups.k.mount', expect.stringContaining('auth mount "k8s" is a kubernetes mount')],
    ]);
  });

  it('cannot list users, and cannot be acted for: their members are unknown at synth time', () => {
    const listed = issues('eg-member.yaml', `externalGroups:\n  staff: { mount: corp, alias: A }\nusers:\n  alice: { mount: up, groups: [staff] }\n${portal('[alice]')}`);
    expect(listed.map((i) => [i.path, i.line, i.column])).toEqual([['users.alice.groups[0]', 11, 32]]);
    expect(listed[0]!.message).toContain('the identity provider decides its members');
    const actor = issues(
      'eg-actor.yaml',
      `externalGroups:\n  staff: { mount: corp, alias: A }\n${portal('["group:staff"]')}\n  bot:\n    login: { mount: k8s, serviceAccount: bot, namespace: ci, audience: vault }\n    headless: true\n    calls: [{ agent: ledger, grants: ["ledger:read"] }]\n    actsFor: ["group:staff"]`,
    );
    expect(actor.map((i) => i.path)).toEqual(['agents.bot.actsFor[0]']);
    expect(actor[0]!.message).toContain('is an external group');
    expect(actor[0]!.fix).toContain('list the users');
  });

  it('groupsClaim only on oidc and jwt mounts', () => {
    const file = write('gc.yaml', `agents:\n${SERVER}`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('up: { type: userpass, path: userpass }', 'up: { type: userpass, path: userpass, groupsClaim: groups }'));
    const result = validateTopologyFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.message])).toEqual([['authMounts.up.groupsClaim', 'is not allowed on a userpass mount: only oidc and jwt logins carry IdP groups']]);
  });
});

describe('cert login warnings', () => {
  it('warn when a headless agent pinned by uriSan mints tokens: its entity, which the agent claim reads, is created by Vault', () => {
    const result = validateTopologyFile(write('uri-headless.yaml', certAgent('{ mount: mtls, caCertificate: ca.pem, uriSan: "spiffe://example.org/bot" }')));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual(['agents.bot.login.uriSan']);
    expect(result.warnings[0]!.message).toContain('a2a_agent.name ""');
    const byName = validateTopologyFile(write('cn-headless.yaml', certAgent('{ mount: mtls, caCertificate: ca.pem, commonName: bot }')));
    expect(byName.ok && byName.warnings).toEqual([]);
  });

  it('warn when one CA on one mount admits an agent by common name and another by URI SAN', () => {
    const body = `agents:\n${SERVER}\n  a: { login: { mount: mtls, caCertificate: ca.pem, commonName: a }, headless: true, calls: [{ agent: ledger, grants: ["ledger:read"] }] }\n  b: { login: { mount: mtls, caCertificate: ca-crlf.pem, uriSan: "spiffe://example.org/b" }, headless: true, calls: [{ agent: ledger, grants: ["ledger:read"] }] }`;
    const result = validateTopologyFile(write('warn.yaml', body));
    expect(result.ok).toBe(true);
    const shared = result.warnings.filter((w) => w.message.includes('a certificate of that CA carrying both names would log in as either agent'));
    expect(shared.map((w) => [w.path, w.line])).toEqual([['agents.b.login.uriSan', 11]]);
    const apart = validateTopologyFile(write('nowarn.yaml', body.replace('caCertificate: ca-crlf.pem, uriSan', 'caCertificate: other-ca.pem, uriSan')));
    expect(apart.ok && apart.warnings.filter((w) => w.message.includes('both names'))).toEqual([]);
  });
});
