/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  // One worker per core: jest's default on 2 cores is one worker, which left a core idle while the suites
  // wait on their loopback servers (twice as long). Three workers were faster still, but left cloud
  // timeouts of 2 s too little room under load.
  maxWorkers: 2,
};
