import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import Module = require('module');
import * as os from 'os';
import * as path from 'path';

// scripts/cdktf.js (`npm run synth`) runs cdktf-cli with a V8 code cache for cdktf-cli's own
// bundle. What must hold: the cache is kept for cdktf-cli's exact sources, and the app that
// cdktf-cli starts (this project's code) runs as plain Node, without the hook.
const ROOT = path.join(__dirname, '..', '..');
const CLI_PACKAGE = path.dirname(require.resolve('cdktf-cli/package.json'));
const CACHE_DIR = path.join(CLI_PACKAGE, '..', '.cache', 'cdktf-cli-v8', process.versions.v8);
// Node 22.8+ keeps the cache itself (module.enableCompileCache), in its own format.
const NODE_KEEPS_CACHE = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

test('npm run synth caches cdktf-cli\'s compiled bundle and leaves the app it starts alone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-cdktf-cli-'));
  const seen = path.join(dir, 'seen.json');
  // The app writes what its own process was started with, then synthesizes one empty stack.
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    [
      `require('fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS ?? '' }));`,
      `const { App, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf'))});`,
      `const app = new App();`,
      `new TerraformStack(app, 'empty');`,
      `app.synth();`,
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', sendCrashReports: 'false', terraformProviders: [] }));

  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'cdktf.js'), 'synth', '--output', path.join(dir, 'out')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
  expect(fs.existsSync(path.join(dir, 'out', 'stacks', 'empty', 'cdk.tf.json'))).toBe(true);

  const app = JSON.parse(fs.readFileSync(seen, 'utf8')) as { execArgv: string[]; nodeOptions: string };
  expect(app.execArgv.join(' ')).not.toMatch(/compile-cache/);
  expect(app.nodeOptions).not.toMatch(/compile-cache/);

  if (NODE_KEEPS_CACHE) {
    expect(fs.readdirSync(CACHE_DIR).length).toBeGreaterThan(0);
    return;
  }
  // Entries are keyed by file and by a SHA-1 of the source they were compiled from.
  const cached = JSON.parse(fs.readFileSync(path.join(CACHE_DIR, 'cdktf-cli.MAP'), 'utf8')) as Record<string, [string, number, number]>;
  const bundle = path.join(CLI_PACKAGE, 'bundle', 'bin', 'cdktf.js');
  expect(cached[bundle]?.[0]).toBe(createHash('sha1').update(fs.readFileSync(bundle, 'utf8')).digest('hex'));
  // Never the app's files, nor this project's code that an app runs.
  const appFiles = [dir, path.join(ROOT, 'dist'), path.join(ROOT, 'lib'), path.join(ROOT, 'stacks')];
  expect(Object.keys(cached).filter((file) => appFiles.some((prefix) => file.startsWith(prefix + path.sep)))).toEqual([]);
});

test('the code cache leaves ES modules loaded through require() to Node', () => {
  // cdktf-cli reaches such a file (async-function's "require" export) when CI is set.
  const esm = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-esm-')), 'module.mjs');
  fs.writeFileSync(esm, 'export default function f() {}\n');
  const run = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'cdktf-compile-cache.js'), '-e', `process.stdout.write(typeof require(${JSON.stringify(esm)}).default)`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: 'function', stderr: '' });
});
