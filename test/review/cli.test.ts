/** `vault-a2a cards` and `vault-a2a graph`, run in-process on the example topologies. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CARD_FILES } from '../../lib/cli/commands/cards';
import { CARD_V0_3_FILE, CARD_V1_FILE, CLAIMS_FILE, renderCards } from '../../lib/review/cards';
import { graphFromTopology } from '../../lib/review/graph-model';
import { renderMermaid } from '../../lib/review/mermaid';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { expense, headless, helloWorld } from '../support/normalized';
import { vaultA2a } from '../cli/run';

const EXAMPLES = resolve(__dirname, '../../examples');

const run = (args: readonly string[], cwd: string) => vaultA2a(args, cwd);

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vault-a2a-review-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('vault-a2a cards', () => {
  test.each<[string, () => NormalizedTopology]>([
    ['hello-world', helloWorld],
    ['headless', headless],
    ['expense', expense],
  ])('examples/%s: writes the files renderCards gives for the matching fixture', async (example, fixture) => {
    const result = await run(['cards', join(EXAMPLES, example, 'topology.yaml'), '--out', 'cards'], work);
    const rendered = renderCards(fixture());
    // Skills nobody may use are named on stderr: hello-world's super_hello_world in both variants.
    expect(result).toMatchObject({
      code: 0,
      stderr: rendered.skipped.map((s) => `vault-a2a cards: skill "${s.skill}" of server agent "${s.server}": ${s.reason}\n`).join(''),
    });
    expect(rendered.skipped.map((s) => s.skill)).toEqual(example === 'expense' ? [] : ['super_hello_world']);
    const expected = rendered.files;
    expect(listFiles(join(work, 'cards'))).toEqual(expected.map((f) => f.path).sort());
    for (const f of expected) expect(readFileSync(join(work, 'cards', f.path), 'utf8')).toBe(f.content);
    // One summary line, however many servers.
    const servers = new Set(expected.map((f) => f.path.split('/')[0])).size;
    expect(result.stdout).toBe(`vault-a2a cards: wrote ${expected.length} files for ${servers} server agent${servers === 1 ? '' : 's'} in cards/<server>/\n`);
  });

  test('the file names --help gives are the ones written', () => {
    expect(CARD_FILES).toEqual([CARD_V1_FILE, CARD_V0_3_FILE, CLAIMS_FILE]);
  });

  test('same topology with keys and lists in another order, from another directory: byte-identical files', async () => {
    const original = readFileSync(join(EXAMPLES, 'expense', 'topology.yaml'), 'utf8');
    const reordered = [
      'agents:',
      '  travel-planner:',
      '    calls: [{ grants: ["expense:submit"], agent: expense }]',
      '    headless: true',
      '    login: { namespace: travel, serviceAccount: travel-planner, mount: kubernetes }',
      '  expense:',
      '    skills:',
      '      - { description: Expense reports, actions: [read, submit, approve], id: expense }',
      '    login: { namespace: finance, mount: kubernetes, serviceAccount: expense }',
      '    url: https://expense.example.com',
      '  bookkeeper:',
      '    calls: [{ agent: expense, grants: ["expense:read"] }]',
      '    headless: true',
      '    login: { audiences: [vault], subject: spiffe://example.org/ns/finance/sa/bookkeeper, mount: spiffe }',
      'authMounts:',
      '  spiffe: { path: jwt-spiffe, type: jwt }',
      '  kubernetes: { path: kubernetes, type: kubernetes }',
      'defaults: { identityTokenTtl: 15m, idTokenTtl: 15m, accessTokenTtl: 15m }',
      'vault: { address: https://vault.example.com:8200 }',
      'name: expense',
      'version: 1',
      '',
    ].join('\n');
    writeFileSync(join(work, 'a.yaml'), original);
    writeFileSync(join(work, 'b.yaml'), reordered);
    expect((await run(['cards', 'a.yaml', '--out', 'a'], work)).code).toBe(0);
    expect((await run(['cards', join(work, 'b.yaml'), '--out', join(work, 'b')], EXAMPLES)).code).toBe(0);
    const files = listFiles(join(work, 'a'));
    expect(files).toHaveLength(3);
    expect(listFiles(join(work, 'b'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(work, 'b', f), 'utf8')).toBe(readFileSync(join(work, 'a', f), 'utf8'));
  });

  test('an invalid topology: every issue on stderr with file:line:col as typed, exit 2, nothing written', async () => {
    writeFileSync(
      join(work, 'bad.yaml'),
      ['version: 1', 'vault: { address: "http://vault.example.com" }', 'agents:', '  chat:', '    headless: true', '    calls: [{ agent: nobody, grants: ["x:y"] }]', ''].join('\n'),
    );
    const result = await run(['cards', 'bad.yaml', '--out', 'out'], work);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^bad\.yaml:\d+:\d+: \S+: .* Fix: .+$/);
    expect(result.stderr).toContain('bad.yaml:2:19: vault.address: must use https');
    expect(result.stderr).toContain('agents.chat.calls[0].agent: unknown agent "nobody"');
    expect(existsSync(join(work, 'out'))).toBe(false);
  });

  test('a missing file is reported like any other issue', async () => {
    const result = await run(['cards', 'missing.yaml', '--out', 'out'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('missing.yaml: cannot read the topology file: file not found. Fix: check the path (relative paths are resolved from the current directory) and that the file is readable.\n');
    expect(existsSync(join(work, 'out'))).toBe(false);
  });

  test('an --out that is a file: exit 2 with the reason', async () => {
    writeFileSync(join(work, 'taken'), 'not a directory');
    const result = await run(['cards', join(EXAMPLES, 'expense', 'topology.yaml'), '--out', 'taken'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vault-a2a cards: cannot write taken\/expense\/agent-card\.security\.json: /);
    expect(readFileSync(join(work, 'taken'), 'utf8')).toBe('not a directory');
  });

  test('--out is required', async () => {
    const result = await run(['cards', join(EXAMPLES, 'expense', 'topology.yaml')], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--out <dir>' not specified");
  });

  test('a server agent nobody may call gets no card and a note on stderr', async () => {
    const text = readFileSync(join(EXAMPLES, 'expense', 'topology.yaml'), 'utf8').replace(
      '  bookkeeper:',
      '  archive:\n    url: https://archive.example.com\n    skills: [{ id: archive, actions: [read] }]\n  bookkeeper:',
    );
    writeFileSync(join(work, 't.yaml'), text);
    const result = await run(['cards', 't.yaml', '--out', 'out'], work);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('vault-a2a cards: no card for server agent "archive": no client agent is granted anything on it, so no caller could authenticate\n');
    expect(listFiles(join(work, 'out')).every((f) => f.startsWith('expense'))).toBe(true);
  });
});

describe('vault-a2a graph', () => {
  test('examples/hello-world: the Mermaid flowchart of the fixture on stdout', async () => {
    const result = await run(['graph', join(EXAMPLES, 'hello-world', 'topology.yaml')], work);
    expect(result).toEqual({ code: 0, stderr: '', stdout: renderMermaid(graphFromTopology(helloWorld())) });
    expect(result.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect((await run(['graph', join(EXAMPLES, 'hello-world', 'topology.yaml'), '--format', 'mermaid'], work)).stdout).toBe(result.stdout);
  });

  test('an unknown format is a usage error', async () => {
    const result = await run(['graph', join(EXAMPLES, 'expense', 'topology.yaml'), '--format', 'dot'], work);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("argument 'dot' is invalid. Allowed choices are mermaid.");
  });

  test('a synthesized stack (directory or cdk.tf.json) draws as the topology it came from', async () => {
    const topology = join(EXAMPLES, 'hello-world', 'topology.yaml');
    expect((await run(['synth', topology, '--out', join(work, 'out')], work)).code).toBe(0);
    const expected = (await run(['graph', topology], work)).stdout;
    for (const input of ['out', 'out/stacks/hello-world', 'out/stacks/hello-world/cdk.tf.json']) {
      expect(await run(['graph', input], work)).toEqual({ code: 0, stdout: expected, stderr: '' });
    }
  });

  test('a directory with several stacks, or none, is refused with the fix', async () => {
    // synth resolves --out against the process's directory, not the CLI io's: pass it absolute.
    // Each synth rewrites manifest.json, so the combined directory is assembled by hand.
    for (const example of ['hello-world', 'expense']) {
      expect((await run(['synth', join(EXAMPLES, example, 'topology.yaml'), '--out', join(work, example)], work)).code).toBe(0);
      mkdirSync(join(work, 'out', 'stacks', example), { recursive: true });
      copyFileSync(join(work, example, 'stacks', example, 'cdk.tf.json'), join(work, 'out', 'stacks', example, 'cdk.tf.json'));
    }
    const several = await run(['graph', 'out'], work);
    expect(several).toMatchObject({ code: 2, stdout: '' });
    expect(several.stderr).toContain('holds 2 stacks (expense, hello-world). Fix: pass one stack directory or its cdk.tf.json, or the cdktf.out of one organization.');
    const none = await run(['graph', '.'], join(work, 'out', 'stacks'));
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('vault-a2a graph: cannot read the stack:\n  .: no cdk.tf.json here');
  });

  test('an invalid topology: issues on stderr, nothing on stdout, exit 2', async () => {
    writeFileSync(join(work, 'bad.yaml'), 'version: 2\nvault: {}\nagents: {}\n');
    const result = await run(['graph', 'bad.yaml'], work);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bad\.yaml:1:\d+: version: /);
  });
});
