import * as fs from "node:fs";
import * as path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { parse } from "yaml";
import { OriginVerifySecret } from "../../src/modules/edge/origin-verify-secret";
import { Namer } from "../../src/naming";
import { secretDocument } from "../../src/tooling/aws-stub/secretsmanager";
import { PLAN_FILES } from "../../src/tooling/plan/plan-stack";
import { uploadStoredPlan } from "../../src/tooling/plan/stored-plan";
import { planOffline, synthesizeStack } from "../support/offline-terraform";
import { removeTempDirs, tempDir } from "../tooling/fixtures";

/**
 * What leaves the runner after a live plan in the team workflow: the files stack.yml's plan job
 * attaches as its artifact, after `npm run plan:upload`. A real plan of `global` carries the
 * origin-verify value (CloudFront's header) in plain text in plan.json; none of the attached files
 * may hold it. The plan is made offline against the stub, whose secret value is known.
 */

afterAll(removeTempDirs);

const ROOT = path.resolve(__dirname, "..", "..");
const s3 = mockClient(S3Client);

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

const stackWorkflow = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "stack.yml"), "utf8")) as {
  jobs: { plan: { steps: Step[] } };
};

/** The files an upload-artifact `path` list selects under `root`, for `stack`. */
function attachedFiles(paths: string, stack: string, root: string): string[] {
  const lines = paths
    .split("\n")
    .map((line) => line.trim().replace("${{ inputs.stack }}", stack))
    .filter((line) => line.length > 0);
  const walk = (relative: string): string[] => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full)) {
      return [];
    }
    if (!fs.statSync(full).isDirectory()) {
      return [relative];
    }
    return fs.readdirSync(full).flatMap((entry) => walk(path.join(relative, entry)));
  };
  const included = lines.filter((line) => !line.startsWith("!")).flatMap((line) => walk(line.replace(/\/$/, "")));
  const excluded = lines.filter((line) => line.startsWith("!")).map((line) => line.slice(1).replace(/\/$/, ""));
  return included.filter((file) => !excluded.some((prefix) => file === prefix || file.startsWith(`${prefix}/`)));
}

describe("the plan job's artifact", () => {
  it("carries where the plan went, its summary and the configuration, and no secret value the plan holds", async () => {
    const global = synthesizeStack({}, (stacks) => stacks.global);
    const planned = await planOffline(global);
    const secretName = OriginVerifySecret.secretName(new Namer("titan", "primary"));
    const secret = (JSON.parse(secretDocument(secretName)) as { current: string }).current;
    // The plan itself holds it: CloudFront's origin header is not a sensitive argument.
    expect(fs.readFileSync(path.join(planned.planDir, PLAN_FILES.json), "utf8")).toContain(secret);
    expect(planned.summary).not.toContain(secret);

    // The runner's checkout after `npm run plan -- global --live`: synth output and the plan files.
    const root = tempDir("runner");
    fs.cpSync(global.outDir, path.join(root, "cdktf.out"), { recursive: true });
    const planDir = path.join(root, "cdktf.out", "plans", "global");
    fs.cpSync(planned.planDir, planDir, { recursive: true });
    const meta = JSON.parse(fs.readFileSync(path.join(planDir, PLAN_FILES.meta), "utf8"));
    fs.writeFileSync(path.join(planDir, PLAN_FILES.meta), JSON.stringify({ ...meta, mode: "live", applyable: true }));

    const steps = stackWorkflow.jobs.plan.steps;
    expect(steps.some((step) => step.run?.includes('npm run plan:upload -- "$STACK"'))).toBe(true);
    s3.on(PutObjectCommand).resolves({ VersionId: "v1" });
    await uploadStoredPlan({
      stack: "global",
      stackJson: global.json,
      planDir,
      runId: "1-1",
      s3: () => new S3Client({ region: "us-west-1" }),
    });
    // The whole plan went to the state bucket, where the state already holds the same values.
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input.Bucket).toBe("titan-dr-tfstate");

    const artifact = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    const files = attachedFiles(String(artifact?.with?.path), "global", root);
    expect(files).toEqual(
      expect.arrayContaining([
        "cdktf.out/manifest.json",
        "cdktf.out/stacks/global/cdk.tf.json",
        "cdktf.out/plans/global/summary.md",
        "cdktf.out/plans/global/plan-meta.json",
        "cdktf.out/plans/global/stored-plan.json",
      ]),
    );
    expect(files.filter((file) => /\/plan\.(bin|json)$/.test(file))).toEqual([]);
    for (const file of files) {
      expect({ file, holdsSecret: fs.readFileSync(path.join(root, file), "latin1").includes(secret) }).toEqual({
        file,
        holdsSecret: false,
      });
    }
  });
});
