/**
 * Locality and determinism of an organization's stacks: a change to one team's file changes only
 * that team's stack files; users and groups change only the shared stack; the same directory
 * synthesizes the same bytes from anywhere.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthTopologyFile } from '../../lib/app';
import { parse, stringify } from 'yaml';
import { copyExample, writeTree } from './support';

/** Stack name → the bytes of its cdk.tf.json, synthesized by `vault-a2a synth`'s function. */
function synthFiles(dir: string, cwd = process.cwd()): Map<string, string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-org-out-'));
  const result = synthTopologyFile(dir, out, { cwd });
  if (!result.ok) throw new Error(result.message);
  return new Map(result.stackNames.map((n) => [n, fs.readFileSync(path.join(out, 'stacks', n, 'cdk.tf.json'), 'utf8')]));
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.filter((n) => before.get(n) !== after.get(n));
}

describe('locality', () => {
  const dir = copyExample();
  const before = synthFiles(dir);
  const edit = (file: string, change: (text: string) => string) => {
    const copy = copyExample();
    fs.writeFileSync(path.join(copy, file), change(fs.readFileSync(path.join(copy, file), 'utf8')));
    return synthFiles(copy);
  };

  test('adding an agent to one team changes only that team\'s stack, and only by adding', () => {
    const after = edit('teams/travel.yaml', (t) => `${t}  hotel-booker:\n    login: { mount: kubernetes, serviceAccount: hotel-booker, namespace: travel, audience: vault }\n    headless: true\n    calls:\n      - { agent: expense, grants: ["expense:read"] }\n`);
    expect(changed(before, after)).toEqual(['acme.travel']);
    const was = JSON.parse(before.get('acme.travel')!) as { resource: Record<string, Record<string, unknown>> };
    const now = JSON.parse(after.get('acme.travel')!) as { resource: Record<string, Record<string, unknown>> };
    for (const [type, byId] of Object.entries(was.resource)) for (const [id, body] of Object.entries(byId)) expect(now.resource[type]![id]).toEqual(body);
  });

  test('changing a grant in one team changes only that team\'s stack', () => {
    const after = edit('teams/finance.yaml', (t) => t.replace('grants: ["expense:submit", "expense:read"]', 'grants: ["expense:read"]'));
    expect(changed(before, after)).toEqual(['acme.finance']);
  });

  test('a team in a namespace changes alone too', () => {
    const after = edit('teams/research.yaml', (t) => t.replace('description: Searches the paper archive', 'description: Searches the archive'));
    expect(changed(before, after)).toEqual([]);
    const renamed = edit('teams/research.yaml', (t) => t.replace('serviceAccount: summarizer,', 'serviceAccount: summarizer-v2,'));
    expect(changed(before, renamed)).toEqual(['acme.research']);
  });

  test('users and groups change the shared stack, and a team stack only where it signs them in', () => {
    expect(changed(before, edit('org.yaml', (t) => t.replace('  bob: { mount: userpass }', '  bob: { mount: userpass }\n  carol: { mount: userpass, groups: [finance] }')))).toEqual(['acme']);
    expect(changed(before, edit('org.yaml', (t) => t.replace('  bob: { mount: userpass }', '  bob: { mount: userpass, groups: [finance] }')))).toEqual(['acme']);
  });

  test('the same directory from another working directory gives the same bytes', () => {
    const again = synthFiles(path.relative(os.tmpdir(), dir), os.tmpdir());
    expect(changed(before, again)).toEqual([]);
  });
});

describe('locality with delegation in one team', () => {
  // examples/delegation as a directory: the actors and the sign-in apps in one team, the servers in another.
  const { agents, ...shared } = parse(fs.readFileSync('examples/delegation/topology.yaml', 'utf8')) as { agents: Record<string, unknown> };
  const team = (names: string[]) => stringify({ agents: Object.fromEntries(names.map((n) => [n, agents[n]])) });
  const files = { 'org.yaml': stringify(shared), 'teams/apps.yaml': team(['chat', 'mailer', 'portal', 'summarizer']), 'teams/services.yaml': team(['docs', 'mail']) };
  const before = synthFiles(writeTree(files));
  const edit = (file: keyof typeof files, change: (text: string) => string) => synthFiles(writeTree({ ...files, [file]: change(files[file]) }));

  test('adding an agent to the other team changes only that team\'s stack', () => {
    const after = edit('teams/services.yaml', (t) => `${t}  indexer:\n    login: { mount: kubernetes, serviceAccount: indexer, namespace: agents, audience: vault }\n    headless: true\n    calls:\n      - { agent: docs, grants: ["documents:read"] }\n`);
    expect(changed(before, after)).toEqual(['delegation.services']);
  });

  test('changing whom an actor acts for changes only the delegating team\'s stack', () => {
    const after = edit('teams/apps.yaml', (t) => t.replace(/actsFor:\n(\s+)- carol\n/, 'actsFor:\n$1- alice\n$1- carol\n'));
    expect(after.get('delegation.apps')).not.toEqual(before.get('delegation.apps'));
    expect(changed(before, after)).toEqual(['delegation.apps']);
  });
});
