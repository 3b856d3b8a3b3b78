/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Integration suites start a real server and Azurite; on a busy 2-core machine a hook can
  // take longer than Jest's default 5 s. Behaviour, not speed, is what tests assert here.
  testTimeout: 30_000,
  // Two workers on the 2-core CI machine: most suites wait on Azurite, HTTP or Chromium rather
  // than compute, so two at once roughly halve the run (Jest's default leaves one core idle).
  maxWorkers: 2,
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig.json sets isolatedModules, so ts-jest compiles file by file without type-checking:
    // `npm test` type-checks everything (tests included) with tsc first, and checking again in
    // every worker made the suite half as slow again.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose 6 ships only ES modules; Node 20 loads them natively, Jest's module system does not,
    // so its files are compiled to CommonJS for the tests.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/bench/'],
  // adaptivecards' lib/ is extensionless ESM that Node cannot require; its UMD bundle works.
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
  // One in-memory Azurite (Table + Queue, free ports) for the run; its connection string
  // reaches the workers as STORAGE_CONNECTION_STRING.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};
