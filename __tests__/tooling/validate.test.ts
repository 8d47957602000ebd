describe("validate.ts", () => {
  it("runs its CLI only when executed, so importing it validates nothing", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const exitCode = process.exitCode;
    try {
      jest.isolateModules(() => {
        require("../../src/tooling/validate");
      });
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      expect(process.exitCode).toBe(exitCode);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
