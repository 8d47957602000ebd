/**
 * `npm run plan:upload -- <stack> --run-id <id>` and `npm run plan:download -- <stack>`: the team
 * workflow's hand-over of a live saved plan through the stack's state bucket (see stored-plan.ts).
 * Local use of `npm run plan` and `npm run apply` needs neither.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import { readJson, readManifest, runCliMain, selectStacks, UserError } from "../synthesized-stacks";
import { downloadStoredPlan, uploadStoredPlan } from "./stored-plan";

const USAGE = [
  "usage: npm run plan:upload -- <stack> --run-id <id> [--out cdktf.out]",
  "       npm run plan:download -- <stack> [--out cdktf.out]",
].join("\n");

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { out: { type: "string" }, "run-id": { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (parsed.positionals.length !== 1 || (command !== "upload" && command !== "download")) {
    throw new UserError(`name one stack\n${USAGE}`, 2);
  }
  const outDir = path.resolve(String(parsed.values.out ?? "cdktf.out"));
  const [stack] = selectStacks(readManifest(outDir), parsed.positionals);
  const planDir = path.join(outDir, "plans", stack.name);
  const s3 = (region: string) => new S3Client({ region });
  if (command === "upload") {
    const runId = parsed.values["run-id"];
    if (typeof runId !== "string") {
      throw new UserError(`--run-id is required\n${USAGE}`, 2);
    }
    const stored = await uploadStoredPlan({ stack: stack.name, stackJson: readJson(stack.file), planDir, runId, s3 });
    console.log(`${stack.name}: plan stored as s3://${stored.bucket}/${stored.key} (version ${stored.versionId})`);
    console.log(`${stack.name}: plan.bin and plan.json removed from ${planDir}`);
  } else {
    const stored = await downloadStoredPlan({ stack: stack.name, planDir, s3 });
    console.log(
      `${stack.name}: fetched s3://${stored.bucket}/${stored.key} (version ${stored.versionId}), SHA-256 checked`,
    );
  }
  return 0;
}

if (require.main === module) {
  runCliMain(main);
}
