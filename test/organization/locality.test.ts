/**
 * Locality and determinism of an organization's stacks: a change to one team's file changes only
 * that team's stack files; users and groups change only the shared stack; the same directory
 * synthesizes the same bytes from anywhere.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthTopologyFile } from '../../lib/app';
import { copyExample } from './support';

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
