import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { OVERRIDE_FILENAME } from "../../../src/tooling/aws-stub/override";
import { planStack } from "../../../src/tooling/plan/plan-stack";
import { assertLivePlannable, liveEnv } from "../../../src/tooling/plan/workspace";
import { cliConfigPath } from "../../../src/tooling/terraform-cli";
import { buildApp } from "../../support/synth";
import { removeTempDirs, tempDir } from "../fixtures";

afterAll(removeTempDirs);

describe("a live plan", () => {
  it("keeps the caller's AWS environment and adds only the project's Terraform CLI config", () => {
    const caller = {
      PATH: "/bin",
      AWS_PROFILE: "prod",
      AWS_REGION: "us-east-2",
      AWS_ROLE_ARN: "arn:aws:iam::1:role/x",
    };
    const env = liveEnv("/p/plan.tfrc", caller);
    expect(env).toMatchObject(caller);
    expect(env.TF_CLI_CONFIG_FILE).toBe("/p/plan.tfrc");
    expect(env).not.toHaveProperty("AWS_EC2_METADATA_DISABLED");
  });

  it("refuses a stack directory holding override files", () => {
    const dir = tempDir("live");
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), "{}");
    fs.writeFileSync(path.join(dir, OVERRIDE_FILENAME), "{}");
    expect(() => assertLivePlannable("primary", dir)).toThrow(
      /holds override files \(zz_offline_override.tf.json\); a live plan must be the synthesized configuration alone/,
    );
  });

  // The one part of --live this machine can run: Terraform in the synthesized directory, with the
  // caller's environment. Here that environment points every AWS endpoint at a closed port, so the
  // provider's own credential check must fail against it: proof that no stub and no fake
  // credentials were involved. Whether the real backend, credentials and IAM permissions work is
  // only verified against a real account (README, "What only a real account verifies").
  it("runs in the synthesized directory with the caller's endpoints and credentials, writing no override", async () => {
    const stackDir = path.join(Testing.fullSynth(buildApp().statePrimary), "stacks", "state-primary");
    const before = fs.readdirSync(stackDir).sort();
    const planDir = path.join(tempDir("live-plan"), "state-primary");
    const caller = {
      ...process.env,
      AWS_ACCESS_KEY_ID: "AKIACALLERS000000000",
      AWS_SECRET_ACCESS_KEY: "the-callers-secret",
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      AWS_MAX_ATTEMPTS: "1",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const outcome = await planStack({
      stack: "state-primary",
      stackDir,
      stackJson: JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")),
      planDir,
      target: { kind: "live" },
      env: liveEnv(cliConfigPath(path.resolve(__dirname, "..", "..", "..")), caller),
      mirroredProviders: [],
      allowDestroy: [],
    });
    expect(outcome.result).toBe("plan failed");
    const messages = outcome.diagnostics.map((d) => `${d.summary} ${d.detail ?? ""}`).join("\n");
    expect(messages).toMatch(/127\.0\.0\.1:9/);
    expect(
      fs
        .readdirSync(stackDir)
        .filter((name) => !name.startsWith(".terraform"))
        .sort(),
    ).toEqual(before.filter((name) => !name.startsWith(".terraform")));
    expect(fs.readFileSync(path.join(planDir, "summary.md"), "utf8")).toContain("terraform plan failed");
  });
});
