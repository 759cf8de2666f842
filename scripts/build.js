// `npm run build`: compiles lib/, stacks/ and scripts/ into dist/ with tsc (which type-checks
// them), unless dist/ was built after every input last changed. `npm ci` builds (the prepare
// script) and `npm test` starts with a build, so a fresh clone would otherwise compile twice.
// `--force` always compiles; tsc's own incremental build info (dist/build.tsbuildinfo) keeps a
// rebuild after a small change short. `--quiet` says nothing when dist/ is up to date (the cdktf
// app in cdktf.json runs this before the compiled app).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', 'build.tsbuildinfo');
const BIN = path.join(ROOT, 'dist', 'lib', 'cli', 'bin.js');
const INPUTS = ['lib', 'stacks', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newestChange(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

const upToDate =
  !process.argv.includes('--force') &&
  fs.existsSync(STAMP) &&
  fs.existsSync(BIN) &&
  INPUTS.every((input) => newestChange(path.join(ROOT, input)) < fs.statSync(STAMP).mtimeMs);

if (upToDate) {
  if (!process.argv.includes('--quiet')) process.stdout.write('dist/ is up to date with lib/, stacks/ and scripts/ (npm run build -- --force compiles anyway)\n');
} else {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // tsc only writes the build info when something changed: touch it, so the next build can skip.
  const now = new Date();
  fs.utimesSync(STAMP, now, now);
  // npm does not mark a bin executable when it is built after install; do it here so the freshly
  // built binary runs directly in tests and after `npm link`.
  fs.chmodSync(BIN, 0o755);
}
