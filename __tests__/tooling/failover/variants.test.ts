/** The runbook with the EC2 web tier, with a Redis Global Datastore, with a JSON log, and its command line. */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { buildTitan } from "../../../src/app";
import { parseCli } from "../../../src/tooling/failover/cli";
import { testConfig } from "../../support/synth";
import { group, normalAccount, REGION } from "./fake-aws";
import { runbook } from "./run";

jest.setTimeout(60_000);

const FLIPPED = { dr: { activeRole: "dr" } };

describe("with the EC2 web tier (web.runtime ec2)", () => {
  it("sizes DR's Auto Scaling group to the stack's active sizes", async () => {
    const state = normalAccount();
    // The EC2 web tier at its standby sizes instead of node groups.
    state.groups.dr = { "titan-dr-web": group(2, 4, 2) };
    const run = await runbook(["failover", "--allow-data-loss"], state, { ...FLIPPED, web: { runtime: "ec2" } });
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    const update = run.fake.calls.find((call) => call.command === "UpdateAutoScalingGroupCommand");
    expect(update).toMatchObject({
      region: REGION.dr,
      input: { AutoScalingGroupName: "titan-dr-web", MinSize: 3, MaxSize: 6, DesiredCapacity: 3 },
    });
    expect(run.fake.calls.filter((call) => call.command.startsWith("UpdateNodegroup"))).toEqual([]);
  });
});

describe("with a Redis Global Datastore (cache.globalDatastore)", () => {
  const CACHE = { cache: { globalDatastore: true, nodeType: "cache.r6g.large" } };

  it("promotes DR's replication group in DR's region, then finds it done on a re-run", async () => {
    const state = normalAccount();
    state.down.add(REGION.primary);
    const run = await runbook(["failover", "--allow-data-loss"], state, { ...FLIPPED, ...CACHE });
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.fake.calls.find((call) => call.command === "FailoverGlobalReplicationGroupCommand")).toMatchObject({
      region: REGION.dr,
      input: {
        GlobalReplicationGroupId: "ldgnf-titan-global-redis",
        PrimaryRegion: REGION.dr,
        PrimaryReplicationGroupId: "titan-dr-redis",
      },
    });
    expect(state.datastore).toMatchObject({ primary: "dr", status: "available" });
    const again = await runbook(["failover", "--allow-data-loss"], state, { ...FLIPPED, ...CACHE });
    expect(again.fake.mutations()).toEqual([]);
    expect(again.output).toContain(
      "promote-dr-cache: skipped: titan-dr-redis is already the primary of ldgnf-titan-global-redis",
    );
  });
});

describe("--log", () => {
  it("writes each step's record as a JSON line, for a drill's timeline", async () => {
    const file = join(tmpdir(), `titan-runbook-log-${process.pid}-${Date.now()}.jsonl`);
    const run = await runbook(["switchover", "--log", file], normalAccount(), FLIPPED);
    expect(run.code).toBe(0);
    const records = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(records.map((record) => record.id)).toEqual([
      "check-global-cluster",
      "check-replication-lag",
      "check-primary-origin",
      "check-dr-origin",
      "raise-dr-capacity",
      "wait-dr-capacity",
      "pin-traffic",
      "drain-old-answers",
      "switchover-global-cluster",
      "wait-for-writer",
      "point-dr-db-name",
      "point-primary-db-name",
      "verify-dr-origin-healthy",
      "verify-global-writer-endpoint",
    ]);
    expect(records[8]).toMatchObject({
      status: "done",
      budgetTerm: "aurora-switchover",
      startedAt: expect.stringMatching(/Z$/),
    });
  });
});

/** A full synth output directory (manifest and every stack) for `overrides`, as `npm run synth` writes it. */
function synthOutput(overrides: object): string {
  const app = Testing.app();
  buildTitan(app, testConfig(overrides));
  app.synth();
  return app.outdir;
}

describe("--out", () => {
  it("acts on a synth output only when it puts the writer where the config does", async () => {
    const stale = synthOutput({});
    const run = await runbook(["switchover", "--out", stale], normalAccount(), FLIPPED);
    expect(run.error?.message).toBe(
      "cannot switchover: the synthesized stacks do not put the writer in dr (dr.activeRole); synthesize them from this config (npm run synth)",
    );
    expect(run.fake.calls).toEqual([]);
    const fresh = synthOutput(FLIPPED);
    const dry = await runbook(["switchover", "--dry-run", "--out", fresh], normalAccount(), FLIPPED);
    expect(dry.code).toBe(0);
    expect(dry.fake.mutations()).toEqual([]);
  });
});

describe("the command line", () => {
  it("takes a command and its options", () => {
    expect(parseCli(["failover", "--allow-data-loss", "--max-lag-seconds", "5"])).toEqual({
      command: "failover",
      dryRun: false,
      allowDataLoss: true,
      maxLagSeconds: 5,
      out: undefined,
      log: undefined,
    });
    expect(parseCli(["plan"]).dryRun).toBe(true);
  });

  test.each([
    [[], /expected one command, got \[\]/],
    [["failover", "now"], /expected one command, got \["failover","now"\]/],
    [["promote"], /expected one command, got \["promote"\]/],
    [["failover", "--allow-dataloss"], /Unknown option '--allow-dataloss'/],
    [["switchover", "--max-lag-seconds", "soon"], /--max-lag-seconds must be a number of seconds, got "soon"/],
  ])("refuses %j with the usage (exit 2)", (args, message) => {
    expect(() => parseCli(args)).toThrow(message);
    try {
      parseCli(args);
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
