import * as fs from "node:fs";
import * as path from "node:path";
import { allowancesFor, parseAllowance, parsePlanArgs, unusedAllowances } from "../../../src/tooling/plan/args";
import { exitCodeFor, GUARD_EXIT_CODE } from "../../../src/tooling/plan/cli";
import type { PlanOutcome } from "../../../src/tooling/plan/outcome";
import { UserError } from "../../../src/tooling/synthesized-stacks";
import { removeTempDirs, tempDir } from "../fixtures";

afterAll(removeTempDirs);

const ADDRESS = "aws_rds_global_cluster.AuroraGlobal_4EFB8821";

function usageError(argv: string[]): UserError {
  try {
    parsePlanArgs(argv).validateAgainst(["primary", "dr"]);
  } catch (error) {
    return error as UserError;
  }
  throw new Error(`expected ${argv.join(" ")} to be refused`);
}

describe("npm run plan's command line", () => {
  it("plans every stack offline for `all`", () => {
    const args = parsePlanArgs(["all"]);
    expect(args).toMatchObject({ stacks: [], live: false, allowDestroy: [], stateFile: undefined });
    expect(args.outDir).toBe(path.resolve("cdktf.out"));
  });

  it("takes stacks, --live and --allow-destroy scoped to a stack", () => {
    const args = parsePlanArgs(["primary", "dr", "--live", `--allow-destroy=primary:${ADDRESS}`]);
    expect(args).toMatchObject({ stacks: ["primary", "dr"], live: true });
    expect(args.allowDestroy).toEqual([{ stack: "primary", address: ADDRESS, raw: `primary:${ADDRESS}` }]);
    expect(() => args.validateAgainst(["primary", "dr"])).not.toThrow();
    expect(allowancesFor(args.allowDestroy, "primary")).toEqual([ADDRESS]);
    expect(allowancesFor(args.allowDestroy, "dr")).toEqual([]);
  });

  it("takes --destroy for a teardown review", () => {
    expect(parsePlanArgs(["primary", "--destroy"]).destroy).toBe(true);
    expect(parsePlanArgs(["primary"]).destroy).toBe(false);
  });

  it("takes a bare address when one stack is planned", () => {
    const args = parsePlanArgs(["primary", `--allow-destroy=${ADDRESS}`]);
    expect(() => args.validateAgainst(["primary"])).not.toThrow();
    expect(allowancesFor(args.allowDestroy, "primary")).toEqual([ADDRESS]);
  });

  test.each([
    [[], /name the stacks to plan, or `all`/],
    [["all", "primary"], /`all` plans every stack/],
    [["primary", "--bogus"], /Unknown option '--bogus'/],
    [["primary", "dr", `--allow-destroy=${ADDRESS}`], /name the stack \(<stack>:aws_rds_global_cluster/],
    [["primary", `--allow-destroy=global:${ADDRESS}`], /stack global is not being planned/],
    [["primary", "--allow-destroy=the-database"], /expected a Terraform address/],
    [["primary", "--live", "--state=x.tfstate"], /--state is for offline plans/],
    [["primary", "--state=/no/such/file"], /no such file/],
  ])("refuses %j with exit code 2", (argv, message) => {
    const error = usageError(argv);
    expect(error).toBeInstanceOf(UserError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
    expect(error.message).toContain("usage: npm run plan --");
  });

  it("refuses --state with several stacks", () => {
    const state = path.join(tempDir("args"), "s.tfstate");
    fs.writeFileSync(state, "{}");
    expect(() => parsePlanArgs(["all", `--state=${state}`]).validateAgainst(["primary", "dr"])).toThrow(
      /--state applies to one stack; 2 are selected/,
    );
  });

  it("prints the usage for --help with exit code 0", () => {
    expect(() => parsePlanArgs(["--help"])).toThrow(expect.objectContaining({ exitCode: 0 }));
  });

  it("parses `stack:address` only when the stack part is a name", () => {
    expect(parseAllowance(`primary:${ADDRESS}`)).toMatchObject({ stack: "primary", address: ADDRESS });
    const keyed = parseAllowance('aws_ssm_parameter.P["a:b"]');
    expect(keyed.stack).toBeUndefined();
    expect(keyed.address).toBe('aws_ssm_parameter.P["a:b"]');
  });
});

describe("the run's exit code", () => {
  const outcome = (result: PlanOutcome["result"], allowed: string[] = []): PlanOutcome => ({
    stack: "primary",
    result,
    diagnostics: [],
    seconds: 1,
    allowedAddresses: allowed,
  });

  test.each<[PlanOutcome["result"][], boolean, number]>([
    [["planned", "not planned"], false, 0],
    [["planned", "blocked"], false, GUARD_EXIT_CODE],
    [["blocked", "plan failed"], false, 1],
    [["init failed"], false, 1],
    [["planned"], true, 1],
  ])("is right for %j (stub missed a call: %s)", (results, stubMissed, code) => {
    expect(
      exitCodeFor(
        results.map((r) => outcome(r)),
        stubMissed,
      ),
    ).toBe(code);
  });

  it("names allowances that matched nothing", () => {
    const allowances = [parseAllowance(`primary:${ADDRESS}`), parseAllowance("primary:aws_kms_key.K")];
    expect(unusedAllowances(allowances, [outcome("planned", [ADDRESS])])).toEqual(["primary:aws_kms_key.K"]);
  });
});
