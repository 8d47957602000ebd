import * as fs from "node:fs";
import * as path from "node:path";
import {
  formatStackTable,
  parseStackArgs,
  readManifest,
  selectStacks,
  UserError,
} from "../../src/tooling/synthesized-stacks";
import { removeTempDirs, tempDir } from "./fixtures";

afterAll(removeTempDirs);

const USAGE = "usage: tool [--out cdktf.out] [--strict] [stack ...]";

/** A synth output directory holding only `manifest.json`, with this text. */
function outDirWithText(text: string): string {
  const outDir = tempDir("synthesized-stacks");
  fs.writeFileSync(path.join(outDir, "manifest.json"), text);
  return outDir;
}

function outDirWith(manifest: unknown): string {
  return outDirWithText(JSON.stringify(manifest));
}

function stackEntry(name: string) {
  return { workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
}

/** The UserError a call throws, so its message and exit code can both be asserted. */
function userErrorOf(call: () => unknown): UserError {
  try {
    call();
  } catch (error) {
    if (error instanceof UserError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a UserError, nothing was thrown");
}

describe("the cdktf manifest", () => {
  const outDir = outDirWith({
    stacks: { primary: stackEntry("primary"), dr: stackEntry("dr"), global: stackEntry("global") },
  });
  const all = readManifest(outDir);

  it("lists every stack in manifest order, with absolute paths", () => {
    expect(all).toEqual([
      {
        name: "primary",
        dir: path.join(outDir, "stacks/primary"),
        file: path.join(outDir, "stacks/primary/cdk.tf.json"),
      },
      { name: "dr", dir: path.join(outDir, "stacks/dr"), file: path.join(outDir, "stacks/dr/cdk.tf.json") },
      { name: "global", dir: path.join(outDir, "stacks/global"), file: path.join(outDir, "stacks/global/cdk.tf.json") },
    ]);
  });

  it("selects the named stacks, in manifest order", () => {
    expect(selectStacks(all, ["global", "primary"]).map((s) => s.name)).toEqual(["primary", "global"]);
  });

  it("selects every stack when none is named", () => {
    expect(selectStacks(all, []).map((s) => s.name)).toEqual(["primary", "dr", "global"]);
  });

  it("refuses an unknown stack name as a usage error, naming the synthesized stacks", () => {
    const error = userErrorOf(() => selectStacks(all, ["primary", "staging"]));
    expect(error.message).toBe("unknown stack(s): staging (synthesized stacks: primary, dr, global)");
    expect(error.exitCode).toBe(2);
  });

  test.each([
    [
      "is missing",
      () => path.join(tempDir("synthesized-stacks"), "nowhere"),
      /manifest\.json not found; run `cdktf synth`/,
    ],
    ["is not JSON", () => outDirWithText("{"), /cannot read .*manifest\.json: /],
    ["has no stacks object", () => outDirWith({ version: "0.21.0" }), /has no "stacks" object/],
    [
      "has a stack without a working directory",
      () => outDirWith({ stacks: { dr: { synthesizedStackPath: "stacks/dr/cdk.tf.json" } } }),
      /stack dr in .* lacks workingDirectory\/synthesizedStackPath/,
    ],
  ])("fails with one message when the manifest %s", (_case, makeOutDir, message) => {
    const error = userErrorOf(() => readManifest(makeOutDir()));
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(1);
  });

  it("refuses an empty manifest", () => {
    expect(() => selectStacks(readManifest(outDirWith({ stacks: {} })), [])).toThrow("the manifest lists no stacks");
  });
});

describe("the stack command line", () => {
  it("reads --out, the CLI's own flags and the stack names", () => {
    const args = parseStackArgs(["--out", "elsewhere", "--strict", "dr", "global"], ["strict", "verbose"], USAGE);
    expect(args).toEqual({
      outDir: path.resolve("elsewhere"),
      stacks: ["dr", "global"],
      flags: { strict: true, verbose: false },
    });
  });

  it("defaults to cdktf.out and every stack", () => {
    expect(parseStackArgs([], ["strict"], USAGE)).toEqual({
      outDir: path.resolve("cdktf.out"),
      stacks: [],
      flags: { strict: false },
    });
  });

  test.each([
    ["--help", ["--help"], 0, USAGE],
    ["-h", ["-h"], 0, USAGE],
    ["an unknown option", ["--verbose"], 2, `Unknown option '--verbose'`],
  ])("answers %s with the usage", (_case, argv, exitCode, message) => {
    const error = userErrorOf(() => parseStackArgs(argv, ["strict"], USAGE));
    expect(error.exitCode).toBe(exitCode);
    expect(error.message).toContain(message);
    expect(error.message.endsWith(USAGE)).toBe(true);
  });
});

describe("the summary table", () => {
  it("pads every column to fit and right-aligns the last one", () => {
    expect(
      formatStackTable(
        ["stack", "seconds"],
        [
          ["cross-region", "12.5"],
          ["dr", "3.0"],
        ],
      ),
    ).toEqual(["stack         seconds", "------------  -------", "cross-region     12.5", "dr                3.0"]);
  });
});
