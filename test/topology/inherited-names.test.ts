/**
 * Topology names that every JavaScript object already has. `constructor` is the one NAME_PATTERN
 * admits (agents, users, groups, mounts; skills by SKILL_PATTERN): it is a name like any other
 * from validate through synth to check and access. `__proto__` (which no name pattern admits) is
 * refused wherever it is a key, and a topology (stack) named `constructor` is refused, both with
 * file:line:col and a fix.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { vaultA2a } from '../cli/run';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const DELEGATION = fs.readFileSync(path.join(EXAMPLES, 'delegation', 'topology.yaml'), 'utf8');

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-inherited-'));
});
afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true });
  // Nothing a topology names may land on Object or Object.prototype.
  expect(Object.keys(Object)).toEqual([]);
  expect(Object.keys(Object.prototype)).toEqual([]);
});

/** The delegation example with its chat agent, its staff group and its documents skill renamed to `name`. */
function renamed(name: string): string {
  return DELEGATION.replace(/\bchat\b(?!\.example)/g, name).replace(/\bstaff\b/g, name).replace(/\bdocuments\b/g, name);
}

async function synthesized(name: string): Promise<{ topology: string; out: string; access: string }> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  const topology = path.join(dir, 'topology.yaml');
  fs.writeFileSync(topology, renamed(name));
  expect(await vaultA2a(['validate', topology], dir)).toMatchObject({ code: 0 });
  expect(await vaultA2a(['synth', topology, '--out', 'out'], dir)).toMatchObject({ code: 0 });
  const out = path.join(dir, 'out');
  expect(await vaultA2a(['check', out, '--topology', topology], dir)).toMatchObject({ code: 0, stdout: 'vault-a2a check: 1 stack checked, no findings.\n' });
  const access = await vaultA2a(['access', out, '--format', 'json'], dir);
  expect(access.code).toBe(0);
  return { topology, out, access: access.stdout };
}

describe('an agent, a group and a skill named constructor', () => {
  test('validate, synth and check pass, and everybody has the access they have under any other name', async () => {
    const [inherited, plain] = [await synthesized('constructor'), await synthesized('ctor')];
    // "ctor" sorts among the example's names where "constructor" does: the reports differ by the name only.
    expect(plain.access).not.toContain('constructor');
    expect(inherited.access.replace(/constructor/g, 'ctor')).toBe(plain.access);
    // The client agent split by delegation keeps its entry in the sign-in output.
    const stack = JSON.parse(fs.readFileSync(path.join(inherited.out, 'stacks', 'delegation', 'cdk.tf.json'), 'utf8'));
    const signIn = stack.output.delegation_sign_in_clients.value;
    expect(Object.keys(signIn)).toEqual(['constructor', 'portal']);
    expect(Object.keys(signIn.constructor)).toEqual(['alice', 'bob', 'carol']);
  });
});

describe('names that are refused', () => {
  test('a topology named constructor: validate and synth exit 2 with file:line:col and a fix, and write nothing', async () => {
    const topology = path.join(work, 'topology.yaml');
    fs.writeFileSync(topology, DELEGATION.replace('name: delegation', 'name: constructor'));
    const line = DELEGATION.split('\n').findIndex((l) => l === 'name: delegation') + 1;
    for (const args of [['validate', topology], ['synth', topology, '--out', 'out']]) {
      const run = await vaultA2a(args, work);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${topology}:${line}:7: name: name "constructor" cannot name a stack`);
      expect(run.stderr).toContain('Fix: choose another name (e.g. "constructor-a2a")');
    }
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });

  test('an organization: __proto__ in the backend or as a team\'s agent, and an organization named constructor, are errors', async () => {
    const copy = (edit: (dir: string) => void) => {
      const dir = fs.mkdtempSync(path.join(work, 'org-'));
      fs.cpSync(path.join(EXAMPLES, 'organization'), dir, { recursive: true });
      edit(dir);
      return dir;
    };
    const editFile = (file: string, edit: (text: string) => string) => fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['backend', (d) => editFile(path.join(d, 'org.yaml'), (t) => t.replace('  type: s3\n', '  type: s3\n  __proto__: { bucket: elsewhere }\n')), /org\.yaml:\d+:3: backend\.__proto__: /],
      ['agent', (d) => fs.appendFileSync(path.join(d, 'teams', 'finance.yaml'), '  __proto__: { url: https://x.example.com, skills: [{ id: s, actions: [read] }] }\n'), /finance\.yaml:\d+:3: agents\.__proto__: "__proto__" cannot be used as a key/],
      ['name', (d) => editFile(path.join(d, 'org.yaml'), (t) => t.replace('name: acme', 'name: constructor')), /org\.yaml:\d+:7: name: name "constructor" cannot name a stack/],
    ];
    for (const [, edit, expected] of cases) {
      const dir = copy(edit);
      const run = await vaultA2a(['validate', dir], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
    }
  });
});
