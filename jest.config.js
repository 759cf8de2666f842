// Packages that ship ES modules only, and the dependencies of log-update that npm hoists.
const ESM_ONLY = '(jose|log-update|environment|mimic-function|get-east-asian-width)';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig.json sets isolatedModules, so ts-jest only transpiles. Types are checked by tsc:
    // the build (lib, stacks, scripts; npm test starts with it), `npm run typecheck` (everything,
    // in CI) and test/docs/snippets.test.ts (the documentation's TypeScript).
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose (used by lib/verify and @a2a-js/sdk) and log-update (lib/cli/progress.ts) with its
    // dependencies ship ES modules only. Node loads them with require() (20.19+), jest's module
    // system does not: transpile just those files to CommonJS.
    [`^.+/node_modules/${ESM_ONLY}/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  // Every other file of node_modules is left as it is. log-update's own dependencies sit under
  // node_modules/log-update/node_modules (other versions are hoisted for jest itself): a path is
  // ignored only when no ES-only package's folder is on it.
  transformIgnorePatterns: [`^(?!.*/node_modules/${ESM_ONLY}/).*/node_modules/`],
  // In the checkout, not in a /tmp directory shared with other checkouts: a fresh clone starts cold.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // Two cores on CI: keep one worker per core.
  maxWorkers: 2,
  testTimeout: 60000,
};
