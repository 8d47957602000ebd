/** Tests are transformed by @swc/jest: ts-jest needs the TypeScript API, which TypeScript 7 no longer ships. */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  globalSetup: "<rootDir>/jest.global-setup.ts",
  setupFiles: ["<rootDir>/jest.setup-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
  testTimeout: 120000,
};
