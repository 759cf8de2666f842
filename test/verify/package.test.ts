/**
 * The `cdktf-vault-a2a/verify` subpath as a server would use it: it resolves (JavaScript and
 * types, with old and new module resolution), and loading it pulls in `jose` and nothing of the
 * CDKTF, topology or CLI side of the package. Runs the built dist/ (npm test builds it first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { ROOT } from './support';

test('requiring cdktf-vault-a2a/verify loads jose and lib/verify only', () => {
  expect(existsSync(join(ROOT, 'dist', 'lib', 'verify', 'index.js'))).toBe(true);
  const script = `
    const verify = require('cdktf-vault-a2a/verify');
    const loaded = Object.keys(require.cache);
    process.stdout.write(JSON.stringify({
      exports: Object.keys(verify).sort(),
      packages: [...new Set(loaded.filter((f) => f.includes('/node_modules/')).map((f) => f.split('/node_modules/').pop().split('/').slice(0, f.split('/node_modules/').pop().startsWith('@') ? 2 : 1).join('/')))].sort(),
      own: loaded.filter((f) => f.includes('/dist/lib/') && !f.includes('/dist/lib/verify/')),
    }));`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const out = JSON.parse(run.stdout);
  expect(out.exports).toEqual(
    expect.arrayContaining(['createVerifier', 'a2aVerifyMiddleware', 'a2aUser', 'verificationOf', 'readClaimsFile', 'VerifierConfigError', 'ClaimsFileError', 'CLAIMS_FILE_VERSION']),
  );
  expect(out.own).toEqual([]);
  expect(out.packages).toEqual(['jose']);
});

test('the package root and documented deep paths still resolve', () => {
  const script = `process.stdout.write(JSON.stringify([
    require.resolve('cdktf-vault-a2a'),
    require.resolve('cdktf-vault-a2a/verify'),
    require.resolve('cdktf-vault-a2a/jest'),
    require.resolve('cdktf-vault-a2a/dist/lib/checks/jest-setup'),
    require.resolve('cdktf-vault-a2a/schema/topology.schema.json'),
  ].map((p) => require('path').relative(process.cwd(), p))))`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual(['dist/lib/index.js', 'dist/lib/verify/index.js', 'dist/lib/checks/jest-setup.js', 'dist/lib/checks/jest-setup.js', 'schema/topology.schema.json']);
});

describe('TypeScript finds the types of each subpath from a project that depends on the package', () => {
  let consumer: string;
  beforeAll(() => {
    consumer = mkdtempSync(join(tmpdir(), 'vault-a2a-consumer-'));
    mkdirSync(join(consumer, 'node_modules'));
    symlinkSync(ROOT, join(consumer, 'node_modules', 'cdktf-vault-a2a'), 'dir');
  });
  afterAll(() => rmSync(consumer, { recursive: true, force: true }));

  test.each([
    ['node10 (typesVersions)', ts.ModuleResolutionKind.Node10, ts.ModuleKind.CommonJS],
    ['node16 (exports)', ts.ModuleResolutionKind.Node16, ts.ModuleKind.Node16],
    ['bundler (exports)', ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
  ])('%s', (_name, moduleResolution, module) => {
    const typesOf = (specifier: string) => ts.resolveModuleName(specifier, join(consumer, 'server.ts'), { moduleResolution, module }, ts.sys).resolvedModule?.resolvedFileName;
    expect(typesOf('cdktf-vault-a2a')).toBe(join(ROOT, 'dist', 'lib', 'index.d.ts'));
    expect(typesOf('cdktf-vault-a2a/verify')).toBe(join(ROOT, 'dist', 'lib', 'verify', 'index.d.ts'));
    expect(typesOf('cdktf-vault-a2a/jest')).toBe(join(ROOT, 'dist', 'lib', 'checks', 'jest-setup.d.ts'));
  });
});
