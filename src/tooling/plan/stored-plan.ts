/**
 * Moves a live saved plan between the team workflow's plan and apply jobs through the stack's own
 * state bucket, never through a GitHub artifact.
 *
 * WHY: a saved plan holds the state's values in plain text (`terraform show -json` prints them,
 * sensitive or not; the binary plan holds them too): the origin-verify header's value among them.
 * Artifacts are downloadable by everyone who can read the repository. The state bucket already
 * holds exactly those values, private, versioned, encrypted and TLS-only, readable by the plan and
 * apply roles alone: a plan kept beside the state widens nothing. The plan job uploads `plan.bin`
 * and deletes it and `plan.json` from the runner; what travels as an artifact is the object's
 * bucket, key, version id and SHA-256 (`stored-plan.json`), with the summary, which prints no
 * sensitive value. The apply job fetches that exact version and refuses any other bytes.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { savedPlansPrefix } from "../../naming";
import { UserError } from "../synthesized-stacks";
import { PLAN_FILES, type PlanMeta } from "./plan-stack";

/** Where `stored-plan.json` sits: beside `plan-meta.json` in `cdktf.out/plans/<stack>/`. */
export const STORED_PLAN_FILE = "stored-plan.json";

/** `stored-plan.json`: which object holds the plan, and what its bytes must hash to. */
export interface StoredPlan {
  readonly stack: string;
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
  readonly versionId: string;
  /** Hex SHA-256 of `plan.bin`. */
  readonly sha256: string;
}

/** An S3 client for a region: the SDK's own, or a test double. */
export type S3ClientFor = (region: string) => S3Client;

interface S3Backend {
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
}

/** The stack's S3 backend, from its synthesized `cdk.tf.json`. */
export function s3BackendOf(stack: string, stackJson: unknown): S3Backend {
  const backend = (stackJson as { terraform?: { backend?: { s3?: Partial<S3Backend> } } }).terraform?.backend?.s3;
  if (backend?.bucket === undefined || backend.region === undefined || backend.key === undefined) {
    throw new UserError(
      `${stack}: its configuration has no S3 backend; only a stack with remote state is planned live`,
    );
  }
  return { bucket: backend.bucket, region: backend.region, key: backend.key };
}

/** The object key of a run's plan of `stack`, under the project's prefix of the state key. */
export function storedPlanKey(stack: string, stateKey: string, runId: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(runId)) {
    throw new UserError(`--run-id must be letters, digits, dots, hyphens or underscores, got "${runId}"`, 2);
  }
  const project = stateKey.split("/")[0];
  return `${savedPlansPrefix(project)}${stack}/${runId}/${PLAN_FILES.plan}`;
}

function sha256(bytes: Uint8Array): { hex: string; base64: string } {
  const digest = createHash("sha256").update(bytes).digest();
  return { hex: digest.toString("hex"), base64: digest.toString("base64") };
}

function readMeta(planDir: string, stack: string): PlanMeta {
  const file = path.join(planDir, PLAN_FILES.meta);
  if (!fs.existsSync(file) || !fs.existsSync(path.join(planDir, PLAN_FILES.plan))) {
    throw new UserError(`${stack}: no saved plan in ${planDir}; run \`npm run plan -- ${stack} --live\` first`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as PlanMeta;
}

export interface UploadOptions {
  readonly stack: string;
  readonly stackJson: unknown;
  /** `cdktf.out/plans/<stack>`. */
  readonly planDir: string;
  /** Unique per workflow run attempt, e.g. `<run id>-<attempt>`. */
  readonly runId: string;
  readonly s3: S3ClientFor;
}

/**
 * Uploads the saved plan to the stack's state bucket, records where in `stored-plan.json`, and
 * deletes `plan.bin` and `plan.json`: after this the plan directory holds nothing but the summary,
 * `plan-meta.json` and the record.
 *
 * @throws UserError for an offline plan, a plan with nothing to apply, or a bucket without versioning.
 */
export async function uploadStoredPlan(options: UploadOptions): Promise<StoredPlan> {
  const { stack, planDir } = options;
  const meta = readMeta(planDir, stack);
  if (meta.mode !== "live") {
    throw new UserError(`${stack}: an offline plan is for review only; there is nothing to hand to an apply`);
  }
  if (!meta.applyable) {
    throw new UserError(`${stack}: the plan changes nothing; there is nothing to hand to an apply`);
  }
  const backend = s3BackendOf(stack, options.stackJson);
  const key = storedPlanKey(stack, backend.key, options.runId);
  const body = fs.readFileSync(path.join(planDir, PLAN_FILES.plan));
  const digest = sha256(body);
  const put = await options
    .s3(backend.region)
    .send(new PutObjectCommand({ Bucket: backend.bucket, Key: key, Body: body, ChecksumSHA256: digest.base64 }));
  if (put.VersionId === undefined || put.VersionId === "null") {
    throw new UserError(
      `${stack}: s3://${backend.bucket} answered without a version id: the state bucket must be versioned, so the apply fetches exactly this plan`,
    );
  }
  const stored: StoredPlan = {
    stack,
    bucket: backend.bucket,
    region: backend.region,
    key,
    versionId: put.VersionId,
    sha256: digest.hex,
  };
  fs.writeFileSync(path.join(planDir, STORED_PLAN_FILE), `${JSON.stringify(stored, null, 2)}\n`);
  for (const file of [PLAN_FILES.plan, PLAN_FILES.json]) {
    fs.rmSync(path.join(planDir, file), { force: true });
  }
  return stored;
}

export interface DownloadOptions {
  readonly stack: string;
  readonly planDir: string;
  readonly s3: S3ClientFor;
}

/**
 * Fetches the version `stored-plan.json` names into `plan.bin`, after checking its SHA-256.
 *
 * @throws UserError when the record is missing or another stack's, or the bytes do not match.
 */
export async function downloadStoredPlan(options: DownloadOptions): Promise<StoredPlan> {
  const { stack, planDir } = options;
  const recordFile = path.join(planDir, STORED_PLAN_FILE);
  if (!fs.existsSync(recordFile)) {
    throw new UserError(
      `${stack}: no ${STORED_PLAN_FILE} in ${planDir}; the plan job stores it with \`npm run plan:upload\``,
    );
  }
  const stored = JSON.parse(fs.readFileSync(recordFile, "utf8")) as StoredPlan;
  if (stored.stack !== stack) {
    throw new UserError(`${recordFile} records the plan of ${stored.stack}, not ${stack}`);
  }
  const got = await options.s3(stored.region).send(
    new GetObjectCommand({
      Bucket: stored.bucket,
      Key: stored.key,
      VersionId: stored.versionId,
      ChecksumMode: "ENABLED",
    }),
  );
  const bytes = await got.Body?.transformToByteArray();
  if (bytes === undefined || sha256(bytes).hex !== stored.sha256) {
    throw new UserError(
      `${stack}: s3://${stored.bucket}/${stored.key} (version ${stored.versionId}) is not the plan that was reviewed: its SHA-256 differs`,
    );
  }
  fs.writeFileSync(path.join(planDir, PLAN_FILES.plan), bytes);
  return stored;
}
