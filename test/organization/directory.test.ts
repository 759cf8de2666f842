/**
 * Topology directories: org.yaml + teams/<team>.yaml merged into one topology, every issue placed
 * in the file and line it comes from, all at once.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { validateTopologyFileAt } from '../../lib/app';
import { formatIssue } from '../../lib/topology/errors';
import { organizationJsonSchema, renderJsonSchemas, teamJsonSchema } from '../../lib/topology/json-schema';
import { EXAMPLE, headless, ORG, server, writeTree } from './support';

function issuesOf(dir: string): string[] {
  const result = validateTopologyFileAt(dir);
  if (result.ok) throw new Error('expected the directory to be refused');
  return result.issues.map(formatIssue);
}

describe('a topology directory', () => {
  test('examples/organization: teams from file names, agents merged, namespace and backend read', () => {
    const result = validateTopologyFileAt(path.relative(process.cwd(), EXAMPLE));
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const org = result.topology.organization!;
    expect(result.topology.name).toBe('acme');
    expect(org.teams.map((t) => [t.name, t.namespace, t.agents])).toEqual([
      ['finance', undefined, ['expense', 'expense-portal']],
      ['research', 'research', ['papers', 'summarizer']],
      ['travel', undefined, ['bookkeeper', 'travel-planner']],
    ]);
    expect(org.backend).toEqual({ type: 's3', bucket: 'acme-terraform-state', region: 'eu-central-1', keyPrefix: 'vault-a2a', useLockfile: true });
    expect(org.maxResources).toBe(5000);
    expect(result.topology.agents.map((a) => a.name)).toEqual(['bookkeeper', 'expense', 'expense-portal', 'papers', 'summarizer', 'travel-planner']);
  });

  test('an agent defined in two team files: one error naming both files with line and column', () => {
    const dir = writeTree({ 'org.yaml': ORG, 'teams/a.yaml': `agents:\n${server('api')}`, 'teams/b.yaml': `agents:\n${headless('x', 'api')}${server('api')}` });
    const issues = issuesOf(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toBe(
      `${dir}/teams/b.yaml:7:3: agents.api: agent "api" is defined twice: agents are referred to by name across teams, so a name is unique in the organization. See also ${dir}/teams/a.yaml:2:3: agents.api. Fix: rename one of them (and the calls that mean it), or remove it from team "b" or "a".`,
    );
  });

  test('every problem at once, each in its own file: a team agent, a cross-team reference, org.yaml', () => {
    const dir = writeTree({
      'org.yaml': ORG.replace('address: https', 'adress: https'),
      'teams/a.yaml': `agents:\n${server('api')}    colour: blue\n`,
      'teams/b.yaml': `agents:\n${headless('x', 'apj')}`,
    });
    const issues = issuesOf(dir);
    expect(issues).toEqual([
      expect.stringMatching(new RegExp(`^${dir}/org.yaml:4:3: vault.adress: .*address`)),
      expect.stringMatching(new RegExp(`^${dir}/teams/a.yaml:7:5: agents.api.colour: `)),
      expect.stringMatching(new RegExp(`^${dir}/teams/b.yaml:6:18: agents.x.calls\\[0\\].agent: .*"apj".*Fix: .*api`)),
    ]);
  });

  test('a credential in the backend is refused by name, with the environment variable to use', () => {
    const dir = writeTree({
      'org.yaml': `${ORG}backend:\n  type: s3\n  bucket: state\n  region: eu-central-1\n  keyPrefix: a2a\n  secretKey: abc\n`,
      'teams/a.yaml': `agents:\n${server('api')}`,
    });
    expect(issuesOf(dir)).toEqual([
      `${dir}/org.yaml:17:3: backend.secretKey: a credential does not belong in a topology: it is committed, reviewed and copied into every synthesized stack. Fix: remove backend.secretKey and give Terraform the credential through the environment (AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)), as its backend documentation describes.`,
    ]);
  });

  test.each([
    ['agents in org.yaml', { 'org.yaml': `${ORG}agents: {}\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:1: agents: agents live in team files/],
    ['a team file name that is no name', { 'org.yaml': ORG, 'teams/Team A.yaml': 'agents: {}\n' }, /teams\/Team A.yaml: the team name "Team A" \(the file name\) must be/],
    ['a file that is no team', { 'org.yaml': ORG, 'teams/a.yaml': 'agents: {}\n', 'teams/notes.txt': 'x' }, /teams\/notes.txt: every file in teams\/ is a team/],
    ['a team without agents', { 'org.yaml': ORG, 'teams/a.yaml': 'namespace: a\n' }, /teams\/a.yaml:1:1: agents: a team file needs "agents:"/],
    ['an unknown team setting', { 'org.yaml': ORG, 'teams/a.yaml': 'namespace: a\nshard: 2\nagents: {}\n' }, /teams\/a.yaml:2:1: shard: unknown field "shard". Fix: did you mean "shards"\? Allowed fields: agents, namespace, shards/],
    ['an unknown org.yaml field', { 'org.yaml': `${ORG}backnd: { type: local }\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:1: backnd: unknown field "backnd". Fix: did you mean "backend"\?/],
    ['no org.yaml', { 'teams/a.yaml': 'agents: {}\n' }, /needs an org.yaml/],
    ['no teams directory', { 'org.yaml': ORG }, /needs a teams\/ directory/],
    // Fixes name the fields of the setting at hand (the backend of that type, stacks), not the topology's.
    ['an unknown s3 backend field', { 'org.yaml': `${ORG}backend: { type: s3, bucket: b, region: r, keyPrefix: k, buckt: x }\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:\d+: backend.buckt: unknown field "buckt". Fix: did you mean "bucket"\? Allowed fields: [a-zA-Z, ]*\bbucket\b[a-zA-Z, ]*\bkeyPrefix\b/],
    ['an unknown local backend field', { 'org.yaml': `${ORG}backend: { type: local, foo: 1 }\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:\d+: backend.foo: unknown field "foo". Fix: remove it; allowed fields: (?![^.]*\bagents\b)[a-zA-Z, ]*\btype\b/],
    ['a backend that is no map', { 'org.yaml': `${ORG}backend: s3\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:\d+: backend: (?!.*the topology)must be a map/],
    ['an unknown stacks field', { 'org.yaml': `${ORG}stacks: { maxResource: 500 }\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:\d+: stacks.maxResource: unknown field "maxResource". Fix: did you mean "maxResources"\?/],
    ['stacks.maxResources too small', { 'org.yaml': `${ORG}stacks: { maxResources: 5 }\n`, 'teams/a.yaml': 'agents: {}\n' }, /org.yaml:\d+:\d+: stacks.maxResources: must be at least 100/],
  ])('%s is refused with its file and the fix', (_, files, expected) => {
    const dir = writeTree(files);
    expect(issuesOf(dir).join('\n')).toMatch(expected);
  });

  test('a single file stays one topology without an organization', () => {
    const result = validateTopologyFileAt('examples/expense/topology.yaml');
    expect(result.ok && result.topology.organization).toBeUndefined();
  });
});

describe('the JSON Schemas of org.yaml and team files', () => {
  test('are committed as generated, and accept the example while refusing what the loader refuses', () => {
    for (const [name, text] of Object.entries(renderJsonSchemas())) expect([name, readFileSync(path.join('schema', name), 'utf8')]).toEqual([name, text]);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const org = ajv.compile(organizationJsonSchema());
    const team = ajv.compile(teamJsonSchema());
    expect(org(parse(readFileSync(path.join(EXAMPLE, 'org.yaml'), 'utf8')))).toBe(true);
    for (const f of readdirSync(path.join(EXAMPLE, 'teams'))) expect(team(parse(readFileSync(path.join(EXAMPLE, 'teams', f), 'utf8')))).toBe(true);
    expect(org({ ...parse(readFileSync(path.join(EXAMPLE, 'org.yaml'), 'utf8')), agents: {} })).toBe(false);
    expect(team({ shard: 2, agents: {} })).toBe(false);
  });
});
