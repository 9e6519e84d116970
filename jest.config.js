/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  // The suites mostly wait on loopback servers and timers: more workers than cores keep both cores busy
  // (jest's default on 2 cores is one worker, which left one idle and took twice as long).
  maxWorkers: 3,
};
