import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { PLAN_FILES, type PlanMeta } from "../../../src/tooling/plan/plan-stack";
import {
  downloadStoredPlan,
  STORED_PLAN_FILE,
  type StoredPlan,
  storedPlanKey,
  uploadStoredPlan,
} from "../../../src/tooling/plan/stored-plan";
import { removeTempDirs, tempDir } from "../fixtures";

afterAll(removeTempDirs);

const STACK_JSON = {
  terraform: {
    backend: { s3: { bucket: "titan-dr-tfstate", region: "us-west-1", key: "titan/dr/terraform.tfstate" } },
  },
};
const PLAN = Buffer.from("PK\u0003\u0004 a saved plan holding the origin-verify value");

/** What the upload of {@link PLAN} for `dr` in run 42, attempt 1, records. */
const DR_PLAN: StoredPlan = {
  stack: "dr",
  bucket: "titan-dr-tfstate",
  region: "us-west-1",
  key: "titan/plans/dr/42-1/plan.bin",
  versionId: "v1",
  sha256: createHash("sha256").update(PLAN).digest("hex"),
};

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

function planDir(meta: Partial<PlanMeta> = {}): string {
  const dir = path.join(tempDir("stored-plan"), "dr");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, PLAN_FILES.plan), PLAN);
  fs.writeFileSync(path.join(dir, PLAN_FILES.json), '{"prior_state": "secret values"}');
  fs.writeFileSync(path.join(dir, PLAN_FILES.summary), "# Plan: dr (live)\n");
  const full: PlanMeta = { stack: "dr", mode: "live", blocked: [], allowed: [], applyable: true, ...meta };
  fs.writeFileSync(path.join(dir, PLAN_FILES.meta), JSON.stringify(full));
  return dir;
}

const client = () => new S3Client({ region: "us-west-1" });
/** The part of the SDK's streaming body the download reads. */
const body = (bytes: Buffer) => ({ transformToByteArray: async () => new Uint8Array(bytes) }) as never;

describe("npm run plan:upload", () => {
  it("puts the plan in the stack's state bucket under the project's plans prefix, checksummed", async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: "v1" });
    const dir = planDir();
    const stored = await uploadStoredPlan({
      stack: "dr",
      stackJson: STACK_JSON,
      planDir: dir,
      runId: "42-1",
      s3: client,
    });
    const [put] = s3.commandCalls(PutObjectCommand);
    expect(put.args[0].input).toMatchObject({
      Bucket: "titan-dr-tfstate",
      Key: "titan/plans/dr/42-1/plan.bin",
      ChecksumSHA256: createHash("sha256").update(PLAN).digest("base64"),
    });
    expect(Buffer.from(put.args[0].input.Body as Uint8Array)).toEqual(PLAN);
    expect(stored).toEqual(DR_PLAN);
  });

  it("leaves no plan on the runner: only the summary, the meta and where the plan went", async () => {
    s3.on(PutObjectCommand).resolves({ VersionId: "v1" });
    const dir = planDir();
    await uploadStoredPlan({ stack: "dr", stackJson: STACK_JSON, planDir: dir, runId: "42-1", s3: client });
    expect(fs.readdirSync(dir).sort()).toEqual([PLAN_FILES.meta, STORED_PLAN_FILE, PLAN_FILES.summary].sort());
  });

  test.each<[string, Partial<PlanMeta>, RegExp]>([
    ["an offline plan", { mode: "offline" }, /an offline plan is for review only/],
    ["a plan that changes nothing", { applyable: false }, /the plan changes nothing/],
  ])("refuses %s, uploading nothing", async (_name, meta, message) => {
    const dir = planDir(meta);
    await expect(
      uploadStoredPlan({ stack: "dr", stackJson: STACK_JSON, planDir: dir, runId: "1-1", s3: client }),
    ).rejects.toThrow(message);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(fs.existsSync(path.join(dir, PLAN_FILES.plan))).toBe(true);
  });

  it("refuses a bucket without versioning: the apply must fetch exactly this object", async () => {
    s3.on(PutObjectCommand).resolves({});
    await expect(
      uploadStoredPlan({ stack: "dr", stackJson: STACK_JSON, planDir: planDir(), runId: "1-1", s3: client }),
    ).rejects.toThrow(/answered without a version id: the state bucket must be versioned/);
  });

  test.each(["", "../other", "a b", "x".repeat(101)])("refuses the run id %j", (runId) => {
    expect(() => storedPlanKey("dr", "titan/dr/terraform.tfstate", runId)).toThrow(/--run-id must be/);
  });
});

describe("npm run plan:download", () => {
  function stored(dir: string, plan: Partial<StoredPlan> = {}): void {
    const record: StoredPlan = { ...DR_PLAN, ...plan };
    fs.writeFileSync(path.join(dir, STORED_PLAN_FILE), JSON.stringify(record));
  }

  function emptyPlanDir(): string {
    const dir = path.join(tempDir("stored-plan"), "dr");
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  it("fetches the recorded version, checks its SHA-256 and writes plan.bin for npm run apply", async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(PLAN) });
    const dir = emptyPlanDir();
    stored(dir);
    await downloadStoredPlan({ stack: "dr", planDir: dir, s3: client });
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({
      Bucket: "titan-dr-tfstate",
      Key: "titan/plans/dr/42-1/plan.bin",
      VersionId: "v1",
      ChecksumMode: "ENABLED",
    });
    expect(fs.readFileSync(path.join(dir, PLAN_FILES.plan))).toEqual(PLAN);
  });

  it("refuses bytes that are not the reviewed plan, writing nothing", async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(Buffer.from("another plan")) });
    const dir = emptyPlanDir();
    stored(dir);
    await expect(downloadStoredPlan({ stack: "dr", planDir: dir, s3: client })).rejects.toThrow(
      /is not the plan that was reviewed: its SHA-256 differs/,
    );
    expect(fs.existsSync(path.join(dir, PLAN_FILES.plan))).toBe(false);
  });

  it("refuses another stack's record, and a missing one", async () => {
    const dir = emptyPlanDir();
    await expect(downloadStoredPlan({ stack: "dr", planDir: dir, s3: client })).rejects.toThrow(
      /no stored-plan.json in .*; the plan job stores it with `npm run plan:upload`/,
    );
    stored(dir, { stack: "global" });
    await expect(downloadStoredPlan({ stack: "dr", planDir: dir, s3: client })).rejects.toThrow(
      /records the plan of global, not dr/,
    );
  });
});
