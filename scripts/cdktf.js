// `npm run synth` (and any `node scripts/cdktf.js <command>`): the project's cdktf-cli with
// HashiCorp's version check and telemetry off. cdktf-cli reads CHECKPOINT_DISABLE when it starts
// and, offline, logs "[ERROR] ... getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com" without it;
// the app it runs is a child process and cannot turn that off for it. A value the caller set wins.
// cdktf-cli's process also gets a V8 code cache for its own bundle (scripts/cdktf-compile-cache.js):
// without it cdktf-cli spends about a second compiling its bundle on every command.
const { spawnSync } = require('child_process');
const path = require('path');

const bin = path.join(path.dirname(require.resolve('cdktf-cli/package.json')), require('cdktf-cli/package.json').bin.cdktf);
const env = { ...process.env, CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1' };
const run = spawnSync(process.execPath, ['-r', path.join(__dirname, 'cdktf-compile-cache.js'), bin, ...process.argv.slice(2)], { stdio: 'inherit', env });
if (run.error) throw run.error;
process.exitCode = run.status ?? 1;
