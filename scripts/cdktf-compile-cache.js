// Loaded with `node -r` into cdktf-cli's own process by scripts/cdktf.js (never into the app that
// cdktf-cli starts, which runs in a shell of its own): a V8 code cache for cdktf-cli's bundle.
// cdktf-cli 0.21 loads about 5 MB of bundled JavaScript (TypeScript, prettier and yoga-layout
// among it) for every command, and compiling it was a third of `cdktf synth`'s CPU before the app
// even started (docs/performance.md). The cache lives beside cdktf-cli in node_modules/.cache, so
// it belongs to whoever installed the packages, like jest's; an entry is used only for the exact
// source it was made from (a SHA-1 of the file) and V8 refuses data from another V8 version or
// other flags, so a changed or upgraded cdktf-cli compiles afresh. DISABLE_V8_COMPILE_CACHE=1
// (before Node 22.8) or NODE_DISABLE_COMPILE_CACHE=1 (from 22.8) turns it off.
const Module = require('module');
const path = require('path');

const cacheDir = path.join(path.dirname(require.resolve('cdktf-cli/package.json')), '..', '.cache', 'cdktf-cli-v8', process.versions.v8);

if (typeof Module.enableCompileCache === 'function') {
  // Node 22.8+ has its own (module.enableCompileCache): the same cache, kept by Node.
  Module.enableCompileCache(cacheDir);
} else {
  const nodeCompile = Module.prototype._compile;
  // Installs nothing (and returns nothing) when DISABLE_V8_COMPILE_CACHE is set.
  if (require('v8-compile-cache-lib').install({ cacheDir, prefix: 'cdktf-cli' })) {
    const cachedCompile = Module.prototype._compile;
    // v8-compile-cache-lib wraps every file as CommonJS. Node 20.19 also loads ES modules through
    // require() (a package's "require" export may be an .mjs file, which cdktf-cli reaches in CI),
    // passing their format as the third argument: those go to Node's own loader, uncached.
    Module.prototype._compile = function compile(content, filename, format) {
      if (format === 'module' || filename.endsWith('.mjs')) return nodeCompile.call(this, content, filename, format);
      return cachedCompile.call(this, content, filename);
    };
  }
}
