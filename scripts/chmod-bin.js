// npm does not mark a bin executable when it is built after install; do it here so the
// freshly built `dist/lib/cli/bin.js` runs directly in tests and after `npm link`.
const fs = require('fs');
const bin = require('path').join(__dirname, '..', 'dist', 'lib', 'cli', 'bin.js');
if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
