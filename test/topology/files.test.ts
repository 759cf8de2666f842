/** File loading: YAML and JSON, positions, the user's own path in issues, all issues at once. */
import { join, relative } from 'node:path';
import { formatIssue, loadTopologyFile, TopologyValidationError, validateTopologyFile } from '../../lib/topology';

/** Fixture paths relative to the working directory, the way a user would type them. */
const fixture = (name: string): string => relative(process.cwd(), join(__dirname, 'fixtures', name));

describe('loadTopologyFile', () => {
  test('loads and normalizes a valid YAML file', () => {
    const topology = loadTopologyFile(fixture('hello.yaml'));
    expect(topology.agents.map((a) => a.name)).toEqual(['hello-world', 'test-client']);
    expect(topology.agents[1].calls).toEqual([{ agent: 'hello-world', grants: [{ skill: 'hello_world', action: 'read' }] }]);
  });

  test('throws TopologyValidationError whose message lists every issue, one per line', () => {
    const file = fixture('invalid.json');
    let caught: unknown;
    try {
      loadTopologyFile(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TopologyValidationError);
    const error = caught as TopologyValidationError;
    expect(error.issues).toHaveLength(2);
    expect(error.message.split('\n')).toEqual(error.issues.map(formatIssue));
    expect(error.message).not.toMatch(/\n\s+at /); // no stack trace in what gets printed
  });
});

describe('validateTopologyFile', () => {
  test('JSON gets line:column too, and the path exactly as given', () => {
    const file = fixture('invalid.json');
    const result = validateTopologyFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(formatIssue)).toEqual([
      `${file}:12:34: agents.test-client.login.serviceAcount: unknown field "serviceAcount". Fix: did you mean "serviceAccount"? Allowed fields: audience, audiences, caCertificate, commonName, kind, mount, namespace, secretIdBoundCidrs, secretIdNumUses, secretIdTtl, serviceAccount, subject, … (14 in all).`,
      `${file}:13:28: agents.test-client.calls[0].agent: unknown agent "hello-wrld". Fix: use one of: hello-world.`,
    ]);
    expect(file.startsWith('/')).toBe(false);
    expect(result.issues.every((i) => i.file === file)).toBe(true);
  });

  test('a syntax error (tab indentation) is reported with its position and stops validation', () => {
    const file = fixture('syntax-error.yaml');
    const result = validateTopologyFile(file);
    if (result.ok) throw new Error('expected a syntax error');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ file, line: 6, column: 1, message: expect.stringContaining('syntax error: Tabs are not allowed') });
    expect(result.issues[0].fix).toContain('indent with spaces');
  });

  test('an unreadable file is one issue with an empty path and a fix', () => {
    const file = fixture('does-not-exist.yaml');
    const result = validateTopologyFile(file);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          file,
          path: '',
          message: 'cannot read the topology file: file not found',
          fix: expect.stringContaining('check the path'),
        },
      ],
      warnings: [],
    });
  });

  test('a directory is refused the same way', () => {
    const result = validateTopologyFile(fixture(''));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toBe('cannot read the topology file: it is a directory');
  });
});

describe('one file with many mistakes', () => {
  test('reports all of them at once, in reading order', () => {
    const result = validateTopologyFile(fixture('many-mistakes.yaml'));
    if (result.ok) throw new Error('expected issues');
    const got = result.issues.map((i) => [`${i.line}:${i.column} ${i.path}`, i.message]);
    const expected: [string, string][] = [
      ['3:12 vault.address', 'must use https'],
      ['6:15 defaults.idTokenTtl', '"25h" is longer than the 24h maximum'],
      ['11:3 users.Alice', 'name "Alice" must be lowercase'],
      ['12:17 users.bob.mount', 'auth mount "k8s" is a kubernetes mount'],
      ['12:31 users.bob.groups[0]', 'unknown group "admins"'],
      ['14:3 groups.default', 'name "default" is reserved'],
      ['17:5 agents.hello-world.url', 'is required for a server agent'],
      ['19:25 agents.hello-world.skills[0].actions[1]', 'duplicate action "read"'],
      ['21:12 agents.test-client.login.namespace', 'is required for a kubernetes login'],
      ['23:22 agents.test-client.oidc.redirectUris[0]', 'contains "*"'],
      ['23:56 agents.test-client.oidc.redirectUris[1]', 'plain http'],
      ['24:20 agents.test-client.oidc.users[1]', 'unknown user "carol"'],
      ['26:16 agents.test-client.calls[0].agent', 'unknown agent "hello-wrld"'],
      ['29:18 agents.test-client.calls[1].grants[0]', 'has no action "write"'],
      ['29:37 agents.test-client.calls[1].grants[1]', 'must be "<skill>:<action>"'],
      ['31:5 agents.poller.login', 'is required: a client agent logs in'],
      ['35:3 agents.idle', 'does nothing'],
    ];
    expect(got.map(([where]) => where)).toEqual(expected.map(([where]) => where));
    got.forEach(([, message], i) => expect(message).toContain(expected[i][1]));
  });
});
