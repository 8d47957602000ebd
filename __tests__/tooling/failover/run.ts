import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsClients } from "../../../src/tooling/failover/aws/clients";
import { parseCli } from "../../../src/tooling/failover/cli";
import { runCommand } from "../../../src/tooling/failover/command";
import type { Runtime } from "../../../src/tooling/failover/step";
import { stacksFor } from "../../support/budget";
import { FakeAws, type FakeState } from "./fake-aws";

export const START = Date.parse("2027-03-01T10:00:00.000Z");

export interface RunResult {
  readonly code?: number;
  readonly error?: Error;
  readonly lines: readonly string[];
  readonly output: string;
  readonly fake: FakeAws;
  readonly clients: AwsClients;
  /** Virtual seconds the run took. */
  readonly seconds: number;
}

/**
 * Runs `npm run failover -- <args>` against `state` with `config` as TITAN_CONFIG, on a virtual
 * clock (sleeping advances it at once), with fake credentials unless `credentials` is false.
 */
export async function runbook(
  args: readonly string[],
  state: FakeState,
  config: object = {},
  credentials = true,
): Promise<RunResult> {
  const fake = new FakeAws(state);
  const file = join(mkdtempSync(join(tmpdir(), "titan-runbook-")), "titan.json");
  writeFileSync(file, JSON.stringify(config));
  const lines: string[] = [];
  let now = START;
  const runtime: Runtime = {
    now: () => now,
    sleep: async (milliseconds) => {
      now += milliseconds;
    },
    print: (line) => lines.push(line),
    resolveCname: async (name) => state.cnames[name] ?? [],
  };
  const clients = new AwsClients({
    credentials: credentials
      ? { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "fake-secret" }
      : async () => {
          throw new Error("Could not load credentials from any providers");
        },
  });
  let code: number | undefined;
  let error: Error | undefined;
  try {
    code = await runCommand(parseCli(args), {
      env: { TITAN_CONFIG: file },
      clients,
      runtime,
      // Every run synthesizes the same few configs: the shared helper renders each once per file.
      synthesize: stacksFor,
    });
  } catch (caught) {
    error = caught as Error;
  } finally {
    fake.restore();
  }
  return { code, error, lines, output: lines.join("\n"), fake, clients, seconds: (now - START) / 1000 };
}
