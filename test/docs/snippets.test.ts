/**
 * Every code block of README.md, docs/*.md and examples/*\/README.md that a reader would copy is
 * compiled or run here (block markers: scripts/doc-blocks.ts):
 *
 * - ```ts blocks are type-checked together, in one TypeScript program, as files of a project that
 *   depends on the package: `cdktf-vault-a2a`, `/jest` and `/verify` resolve through package.json's
 *   `exports` (node16 resolution) to the built declarations in dist/. A block marked
 *   `<!-- excerpt: <file> -->` must instead appear verbatim in that file, which `npm run typecheck`
 *   compiles and the tests run.
 * - ```sh blocks are syntax-checked with `bash -n` and run by bash, block after block, in a scratch
 *   directory per document (with `examples/` and `schema/` linked in and the document's
 *   `<!-- file: … -->` blocks written), with `set -euo pipefail`. `vault-a2a` and
 *   `npx vault-a2a` there reach the real command tree running in this process (one node start-up
 *   less per command); nothing else of npx is available. Blocks that cannot run here are listed in
 *   NOT_RUN with the reason, and are still syntax-checked.
 * - ```text blocks that start with `$ ` are transcripts: the command runs the same way, and its
 *   output (stdout, then stderr) must be the rest of the block.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { docBlocks, type DocBlock } from '../../scripts/doc-blocks';
import { vaultA2a } from '../cli/run';

const ROOT = join(__dirname, '..', '..');

const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
  ...readdirSync(join(ROOT, 'examples'))
    .filter((d) => existsSync(join(ROOT, 'examples', d, 'README.md')))
    .sort()
    .map((d) => `examples/${d}/README.md`),
];
const BLOCKS: readonly DocBlock[] = DOCS.flatMap((doc) => docBlocks(doc, readFileSync(join(ROOT, doc), 'utf8')));
const where = (b: DocBlock): string => `${b.doc}:${b.line}`;
const firstLine = (b: DocBlock): string => b.text.split('\n')[0]!;

/**
 * Shell blocks that are not run here, by document and first line, each with the reason. They are
 * still syntax-checked, and the test fails when an entry no longer matches a block.
 */
const NOT_RUN: Readonly<Record<string, string>> = {
  'README.md: npm ci && npm run synth   # installs, builds, synthesizes examples/hello-world into cdktf.out/':
    'installs the dependencies and runs the suite this test is part of; .ci/run runs exactly these steps',
  'README.md: npm install git+https://git.example.com/platform/cdktf-vault-a2a.git   # your clone\'s URL, #<tag> to pin':
    'needs a git host and the npm registry; scripts/consumer-check.sh (run by .ci/run) installs the packed package the same way',
  'README.md: npm test              # build (skipped when dist/ is current) + jest':
    'runs the suite this test is part of, and rewrites generated files; .ci/run runs npm test and npm run typecheck',
  'docs/adoption.md: VAULT_ADDR=https://vault.example.com:8200 VAULT_TOKEN=… sh lookup.sh > lookups.json':
    'needs a Vault server and its CLI; test/cli/adopt.test.ts runs the script against a stand-in vault that answers as Vault\'s CLI does, and the page writes its lookups.json',
  'docs/audit.md: vault write sys/audit-hash/file input="$CLIENT_ID"     # → hash: hmac-sha256:…':
    'needs a Vault server with the page\'s file device and its CLI (the hash uses the device\'s own salt); test/docs/audit.test.ts checks that the example\'s file device is enabled at path file',
  'docs/cli.md: TOPOLOGY=examples/expense/topology.yaml npm run synth':
    'starts cdktf-cli (seconds of CPU); .ci/run runs npm run synth, and test/stacks/main.test.ts runs the app with TOPOLOGY set',
  'docs/performance.md: npm run bench                  # about 6 minutes on 2 shared cores':
    'runs for minutes and measures the machine it runs on; its figures are on the page, from a run with the command shown',
  'docs/install.md: npm install git+https://git.example.com/platform/cdktf-vault-a2a.git#v0.1.0':
    'needs a git host and the npm registry; scripts/consumer-check.sh installs the packed package the same way',
  'docs/install.md: npm install --save-dev cdktf-cli@^0.21.0 ts-node typescript':
    'needs the npm registry; scripts/consumer-check.sh installs these into its scratch project',
  'docs/install.md: npx vault-a2a --version':
    'this page is about a project that depends on the package; scripts/consumer-check.sh runs these commands there',
  'docs/install.md: CHECKPOINT_DISABLE=1 npx cdktf synth   # writes cdktf.out/stacks/starter/cdk.tf.json':
    'needs cdktf-cli and the page\'s app in a project that depends on the package: scripts/consumer-check.sh runs it there',
  'docs/install.md: npx jest stack.test.ts   # with ts-jest, @types/jest and a tsconfig that includes the test':
    'scripts/consumer-check.sh runs the page\'s test with jest in a project that depends on the package',
  'docs/reviewing.md: vault-a2a synth base.yaml --out base.out':
    'base.yaml and head.yaml are a topology at two commits; test/review/docs.test.ts diffs the example and the edit shown and compares the output on the page',
  "examples/organization/README.md: export AWS_PROFILE=platform VAULT_TOKEN=…   # whatever your Terraform runs use":
    'needs AWS credentials, an S3 bucket, a Vault server and cdktf-cli; test/organization/cli.test.ts synthesizes the directory with TOPOLOGY set and checks the manifest\'s deploy order',
  'docs/organization.md: vault-a2a check plans/ --topology examples/organization':
    'the plans come from terraform plan against a Vault with the provider installed; test/organization/plan-json.test.ts runs check, access and diff on plan documents written in Terraform\'s JSON format',
  'examples/hello-world/README.md: vault-a2a cards examples/hello-world/topology.yaml --out cards':
    'starts a server that runs until stopped; test/verify/a2a-server.test.ts starts it and calls it with the A2A SDK',
};

/** Before a transcript runs: what the text around it says was done first. */
const BEFORE_TRANSCRIPT: Readonly<Record<string, (dir: string) => void>> = {
  // "Say you grant a skill the server does not have, and add a field that does not exist" (the
  // yaml block above the transcript shows both edits).
  'README.md: $ vault-a2a validate topology.yaml': (dir) => {
    const file = join(dir, 'topology.yaml');
    const text = readFileSync(file, 'utf8');
    const call = '      - { agent: reports, grants: ["reports:read"] }\n';
    if (!text.includes(call)) throw new Error('the starter topology no longer has the call the README edits');
    writeFileSync(file, text.replace(call, '      - { agent: reports, grants: ["report:read"] }\n    colour: blue\n'));
  },
};

const key = (b: DocBlock): string => `${b.doc}: ${firstLine(b)}`;
const isShell = (b: DocBlock): boolean => b.language === 'sh' || b.language === 'bash';
const isTranscript = (b: DocBlock): boolean => b.language === 'text' && b.text.startsWith('$ ');

describe('TypeScript blocks', () => {
  const tsBlocks = BLOCKS.filter((b) => b.language === 'ts' || b.language === 'typescript');

  test('there are some, and every excerpt is verbatim in its file', () => {
    expect(tsBlocks.length).toBeGreaterThan(5);
    for (const b of tsBlocks.filter((x) => x.excerptOf)) {
      expect({ block: where(b), inFile: readFileSync(join(ROOT, b.excerptOf!), 'utf8').includes(b.text) }).toEqual({ block: where(b), inFile: true });
    }
  });

  test('the others compile together against the package as a dependent project sees it', () => {
    if (!existsSync(join(ROOT, 'dist', 'lib', 'index.d.ts'))) throw new Error('dist/ is missing: run "npm run build" (npm test does) first');
    const compiled = tsBlocks.filter((b) => !b.excerptOf);
    // Files of a project inside this package's scope, so `cdktf-vault-a2a` resolves by its own name.
    const files = new Map(compiled.map((b) => [join(ROOT, '.doc-snippets', `${b.doc.replace(/[/.]/g, '_')}_${b.line}.ts`), b]));
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node', 'jest'],
    };
    const host = ts.createCompilerHost(options);
    const source = (file: string): string | undefined => {
      const b = files.get(file);
      // Each block is its own module, so two blocks may declare the same names.
      return b ? `${b.text}export {};\n` : undefined;
    };
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, onError) => {
      const text = source(file);
      return text !== undefined ? ts.createSourceFile(file, text, language) : getSourceFile(file, language, onError);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => files.has(file) || fileExists(file);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => source(file) ?? readFile(file);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const block = d.file ? files.get(d.file.fileName) : undefined;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!block || !d.file || d.start === undefined) return `${d.file?.fileName ?? ''}: TS${d.code}: ${message}`;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${block.doc}:${block.line + 1 + line}: TS${d.code}: ${message}`;
    });
    expect(problems).toEqual([]);
  });

  test('blocks using the jest matchers import cdktf-vault-a2a/jest, or are the setup file that does', () => {
    for (const b of tsBlocks.filter((x) => /\.toPassLeastPrivilege\(|\.toHaveExactAccess\(/.test(x.text))) {
      expect({ block: where(b), imports: b.text.includes("import 'cdktf-vault-a2a/jest';") }).toEqual({ block: where(b), imports: true });
    }
  });
});

describe('shell blocks', () => {
  const shellBlocks = BLOCKS.filter(isShell);

  test.each(shellBlocks.map((b) => [where(b), b] as const))('%s parses (bash -n)', (_where, b) => {
    const r = spawnSync('bash', ['-n'], { input: b.text, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('every block that is not run is listed with a reason, and every listed block exists', () => {
    const keys = new Set(shellBlocks.map(key));
    expect(Object.keys(NOT_RUN).filter((k) => !keys.has(k))).toEqual([]);
    expect(Object.values(NOT_RUN).every((reason) => reason.length > 20)).toBe(true);
  });
});

describe('blocks run in a scratch directory per document', () => {
  let server: Server;
  let tools: string;
  beforeAll(async () => {
    tools = mkdtempSync(join(tmpdir(), 'vault-a2a-doc-'));
    const socket = join(tools, 'cli.sock');
    // `vault-a2a` in the scratch directories: a client that hands its arguments and working
    // directory to this process, which runs the command tree and sends back what it printed.
    server = createServer((connection) => {
      let request = '';
      connection.on('data', (chunk) => {
        request += chunk.toString();
        if (!request.endsWith('\n')) return;
        const { args, cwd } = JSON.parse(request) as { args: string[]; cwd: string };
        vaultA2a(args, cwd).then(
          (r) => connection.end(JSON.stringify(r)),
          (err: unknown) => connection.end(JSON.stringify({ code: 70, stdout: '', stderr: `vault-a2a: internal error: ${String(err)}\n` })),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const bin = join(tools, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(tools, 'client.js'),
      `const net = require('net');
const c = net.connect(${JSON.stringify(socket)}, () => c.write(JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }) + '\\n'));
let answer = '';
c.on('data', (d) => (answer += d));
c.on('end', () => { const r = JSON.parse(answer); process.stdout.write(r.stdout); process.stderr.write(r.stderr); process.exitCode = r.code; });
`,
    );
    writeFileSync(join(bin, 'vault-a2a'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(tools, 'client.js'))} "$@"\n`);
    writeFileSync(
      join(bin, 'npx'),
      `#!/bin/sh\n[ "$1" = --no-install ] && shift\nif [ "$1" = vault-a2a ]; then shift; exec vault-a2a "$@"; fi\necho "npx $1: not available where the docs' shell blocks run" >&2\nexit 127\n`,
    );
    for (const f of ['vault-a2a', 'npx']) chmodSync(join(bin, f), 0o755);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(tools, { recursive: true, force: true });
  });

  const bash = (script: string, cwd: string): Promise<{ code: number | null; output: string }> =>
    new Promise((resolve, reject) => {
      // Not spawnSync: this process must stay free to answer the vault-a2a client.
      const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, PATH: `${join(tools, 'bin')}:${process.env.PATH ?? ''}` } });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });

  const runnable = DOCS.filter((doc) => BLOCKS.some((b) => b.doc === doc && ((isShell(b) && !(key(b) in NOT_RUN)) || isTranscript(b))));

  test.each(runnable)('%s', async (doc) => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-a2a-doc-run-'));
    try {
      for (const linked of ['examples', 'schema']) symlinkSync(join(ROOT, linked), join(dir, linked), 'dir');
      const blocks = BLOCKS.filter((b) => b.doc === doc);
      for (const b of blocks.filter((x) => x.file)) {
        mkdirSync(dirname(join(dir, b.file!)), { recursive: true });
        writeFileSync(join(dir, b.file!), b.text);
      }
      for (const b of blocks) {
        if (isShell(b) && !(key(b) in NOT_RUN)) {
          const r = await bash(`set -euo pipefail\n${b.text}`, dir);
          expect({ block: where(b), code: r.code, output: r.code === 0 ? '' : r.output }).toEqual({ block: where(b), code: 0, output: '' });
        } else if (isTranscript(b)) {
          BEFORE_TRANSCRIPT[key(b)]?.(dir);
          const [command, ...expected] = b.text.slice(2).split('\n');
          const r = await bash(`{ ${command!}; } 2>&1`, dir);
          expect({ block: where(b), output: r.output }).toEqual({ block: where(b), output: expected.join('\n') });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
