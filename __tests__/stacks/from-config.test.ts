import { Testing } from "cdktf";
import { buildTitan } from "../../src/app";
import type { TitanConfig } from "../../src/config";
import { ConstructValidationError } from "../support/construct-errors";
import { testConfig } from "../support/synth";

/** The error building `config` throws; `config` skips the schema, as only a titan bug could. */
function refusal(config: TitanConfig): ConstructValidationError {
  try {
    buildTitan(Testing.app(), config);
  } catch (error) {
    if (error instanceof ConstructValidationError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected the stacks to refuse the config");
}

describe("a construct refusing a value read from config", () => {
  const config = testConfig();
  const error = refusal({
    ...config,
    database: { ...config.database, instanceClass: "db.t3.medium", instances: { primary: 16, dr: 2 } },
  });

  it("names the construct and every prop it refuses, with the config field each came from", () => {
    expect(error.constructPath).toBe("primary/Aurora");
    expect(error.problems).toEqual([
      expect.objectContaining({ prop: "instanceCount", configPath: "database.instances.primary" }),
      expect.objectContaining({ prop: "instanceClass", configPath: "database.instanceClass" }),
    ]);
  });

  it("reads like a config error: the field first, then what to do, then where it was checked", () => {
    expect(error.message).toBe(
      [
        "titan: primary/Aurora has 2 problems:",
        "  - database.instances.primary: must be a whole number from 1 to 15 (a writer and up to 14 readers), got 16 (primary/Aurora instanceCount)",
        '  - database.instanceClass: "db.t3.medium" is burstable; Aurora global databases reject db.t* classes: use a memory-optimized class such as db.r6g.large (primary/Aurora instanceClass)',
      ].join("\n"),
    );
  });
});
