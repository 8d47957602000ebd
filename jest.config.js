/**
 * Two projects, one run: `npm test` runs both (and stays CI's command), `npm run test:unit` the
 * unit project alone, the inner loop. A spec belongs to `integration` (file name
 * `*.integration.test.ts`) when it runs a program outside jest (terraform, helm, bash, PGlite's
 * PostgreSQL, a child `tsx`) or synthesizes whole apps by the dozen (examples, generated configs);
 * test-projects.test.ts keeps the unit project free of them.
 *
 * Tests are transformed by @swc/jest: ts-jest needs the TypeScript API, which TypeScript 7 no
 * longer ships.
 */
const shared = {
  testEnvironment: "node",
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  setupFiles: ["<rootDir>/jest.setup-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
};

module.exports = {
  globalSetup: "<rootDir>/jest.global-setup.ts",
  testTimeout: 120000,
  // Both cores: jest's default on a 2-core machine is one worker.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
      testPathIgnorePatterns: ["\\.integration\\.test\\.ts$"],
    },
    {
      ...shared,
      displayName: "integration",
      testMatch: ["<rootDir>/__tests__/**/*.integration.test.ts"],
    },
  ],
};
