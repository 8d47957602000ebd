import { resolveConfig } from "../../src/config";
import { problemsOf } from "../support/config-problems";

describe("the recovery budget's config", () => {
  it("targets 15 minutes to full service and a minute of writes by default", () => {
    const { dr } = resolveConfig();
    expect(dr).toMatchObject({ rtoSeconds: 900, rpoSeconds: 60 });
  });

  it("states every duration AWS does not publish, each replaceable by a drill's measurement", () => {
    const { assumptions } = resolveConfig().dr;
    expect(Object.keys(assumptions).sort()).toEqual([
      "auroraFailoverSeconds",
      "auroraSwitchoverSeconds",
      "cacheFailoverSeconds",
      "instanceReadySeconds",
      "nodeReadySeconds",
      "operatorResponseSeconds",
      "podReadySeconds",
      "route53AnswerSwitchSeconds",
    ]);
    const measured = resolveConfig({ dr: { assumptions: { auroraFailoverSeconds: 74 } } }).dr.assumptions;
    expect(measured.auroraFailoverSeconds).toBe(74);
    expect(measured.route53AnswerSwitchSeconds).toBe(assumptions.route53AnswerSwitchSeconds);
  });

  test.each([
    [{ dr: { rtoSeconds: 0 } }, /^dr\.rtoSeconds: must be a whole number of 1 or more/],
    [{ dr: { rtoSeconds: 90.5 } }, /^dr\.rtoSeconds: .*expected int, received number \(received 90.5\)/],
    [{ dr: { rpoSeconds: -1 } }, /^dr\.rpoSeconds: must be a whole number of 0 or more/],
    [
      { dr: { assumptions: { nodeReadySeconds: -5 } } },
      /^dr\.assumptions\.nodeReadySeconds: must be a whole number from 0 to 86400/,
    ],
    [
      { dr: { assumptions: { auroraFailoverSecond: 60 } } },
      /^dr\.assumptions\.auroraFailoverSecond: unknown key .*did you mean "auroraFailoverSeconds"/,
    ],
  ])("rejects %j", (overrides, message) => {
    expect(problemsOf(overrides)).toEqual([expect.stringMatching(message)]);
  });
});

describe("database.globalRpoSeconds (rds.global_db_rpo)", () => {
  it("is off by default: a bound would stall the live region's writes whenever DR lags", () => {
    expect(resolveConfig().database.globalRpoSeconds).toBeNull();
  });

  test.each([20, 60, 2_147_483_647])("accepts %d s", (seconds) => {
    expect(problemsOf({ database: { globalRpoSeconds: seconds } })).toEqual([]);
  });

  test.each([
    [
      { database: { globalRpoSeconds: 19 } },
      /^database\.globalRpoSeconds: must be a whole number from 20 to 2147483647 \(the range rds\.global_db_rpo accepts\)/,
    ],
    [{ database: { globalRpoSeconds: 2_147_483_648 } }, /^database\.globalRpoSeconds: /],
    [
      { database: { globalRpoSeconds: 30.5 } },
      /^database\.globalRpoSeconds: .*expected int, received number \(received 30.5\)/,
    ],
  ])("rejects %j", (overrides, message) => {
    expect(problemsOf(overrides)).toEqual([expect.stringMatching(message)]);
  });
});
