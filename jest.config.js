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
    // jose (used by lib/verify and @a2a-js/sdk) ships ES modules only. Node loads them with
    // require() (20.19+), jest's module system does not: transpile just those files to CommonJS.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // In the checkout, not in a /tmp directory shared with other checkouts: a fresh clone starts cold.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // Two cores on CI: keep one worker per core.
  maxWorkers: 2,
  testTimeout: 60000,
};
