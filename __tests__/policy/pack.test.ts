import { readdirSync } from "node:fs";
import { join } from "node:path";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { applyPolicy, checkPolicy, formatViolations, suppressRule, TITAN_RULES } from "../../src/policy";

const REASON = "the test topic carries no data, so its messages need no encryption";

/** An app with one stack holding an unencrypted topic at `stack/Alarms/Resource`. */
function violatingApp() {
  const app = Testing.app();
  const stack = new TerraformStack(app, "stack");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const alarms = new Construct(stack, "Alarms");
  const topic = new SnsTopic(alarms, "Resource", { name: "titan-test-alarms" });
  return { app, stack, alarms, topic };
}

function annotations(construct: Construct, level: "info" | "error"): unknown[] {
  return construct.node.metadata.filter((entry) => entry.type === `@cdktf/${level}`).map((entry) => entry.data);
}

describe("the policy pack", () => {
  const continueOnErrors = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  beforeAll(() => delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS);
  afterAll(() => {
    if (continueOnErrors !== undefined) process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = continueOnErrors;
  });

  it("has one rule per file, each with a unique TITAN id, a title, resource types, a severity and its mirrors", () => {
    const ids = TITAN_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    const idFormats = {
      checkov: /^CKV2?_[A-Z0-9]+_\d+$/,
      trivy: /^AVD-[A-Z0-9]+-\d{4}$/,
      prowler: /^[a-z0-9_]+$/,
    };
    for (const rule of TITAN_RULES) {
      expect(rule.id).toMatch(/^TITAN-[A-Z0-9]+-\d+$/);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(["critical", "high", "medium", "low"]).toContain(rule.severity);
      if ("none" in rule.mirrors) {
        // A rule without an equivalent says which scanners were looked at and why none fits.
        expect(rule.mirrors.none).toMatch(/checkov|trivy/);
        expect(rule.mirrors.none.length).toBeGreaterThan(40);
      } else {
        for (const mirror of rule.mirrors) {
          expect(mirror.id).toMatch(idFormats[mirror.tool]);
        }
      }
    }
    const files = readdirSync(join(__dirname, "../../src/policy/rules"));
    expect(files).toHaveLength(TITAN_RULES.length);
    expect(
      readdirSync(join(__dirname, "rules"))
        .filter((file) => file.endsWith(".test.ts"))
        .sort(),
    ).toEqual(files.map((file) => file.replace(/\.ts$/, ".test.ts")).sort());
  });

  it("stops synthesis on an unsuppressed violation, naming the rule and the construct path", () => {
    const { app } = violatingApp();
    applyPolicy(app);
    expect(() => app.synth()).toThrow(
      /\[stack\/Alarms\/Resource\] \[TITAN-SNS-1\] kms_master_key_id is unset: set it to the region's customer key ARN/,
    );
  });

  it("reports violations before anything is written, as main.ts prints them", () => {
    const { app } = violatingApp();
    applyPolicy(app);
    const report = checkPolicy(app);
    expect(report.suppressed).toEqual([]);
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleId: "TITAN-SNS-1",
        constructPath: "stack/Alarms/Resource",
        resourceType: "aws_sns_topic",
      }),
    ]);
    expect(formatViolations(report.violations)).toBe(
      [
        "titan: 1 policy violation; nothing was synthesized:",
        "  - [TITAN-SNS-1] stack/Alarms/Resource (aws_sns_topic): kms_master_key_id is unset: set it to the region's customer key ARN (its policy must let the publishing services use it)",
        "Fix the resource, or suppress the rule on its construct with suppressRule(construct, ruleId, reason) (src/policy) and a reason a reviewer can accept.",
      ].join("\n"),
    );
    // cdktf creates the empty output folders with the App; no stack, no manifest is written.
    expect(readdirSync(app.outdir, { recursive: true })).toEqual(["stacks"]);
  });

  it("judges a resource once however often aspects run", () => {
    const { app, stack, topic } = violatingApp();
    applyPolicy(app);
    Testing.synth(stack);
    Testing.synth(stack);
    checkPolicy(app);
    expect(annotations(topic, "error")).toEqual([expect.stringMatching(/^\[TITAN-SNS-1\] /)]);
  });

  it("lists a suppressed finding with its reason instead of failing", () => {
    const { app, alarms, topic } = violatingApp();
    suppressRule(alarms, "TITAN-SNS-1", REASON);
    applyPolicy(app);
    const report = checkPolicy(app);
    expect(report.violations).toEqual([]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: "TITAN-SNS-1",
        constructPath: "stack/Alarms/Resource",
        suppression: { ruleId: "TITAN-SNS-1", reason: REASON, constructPath: "stack/Alarms" },
      }),
    ]);
    expect(annotations(topic, "info")).toEqual([
      `[TITAN-SNS-1] suppressed at stack/Alarms: ${REASON} (rule: SNS topics are encrypted with a KMS key)`,
    ]);
    expect(() => app.synth()).not.toThrow();
  });

  it("judges the attributes as synthesized: references and escape hatches count", () => {
    const { app, stack, topic } = violatingApp();
    const key = new KmsKey(stack, "Key", { enableKeyRotation: true });
    const referenced = new SnsTopic(stack, "Referenced", { name: "t2", kmsMasterKeyId: key.arn });
    topic.addOverride("kms_master_key_id", "alias/aws/sns");
    applyPolicy(app);
    expect(checkPolicy(app).violations).toEqual([]);
    expect(JSON.parse(Testing.synth(stack)).resource.aws_sns_topic).toMatchObject({
      [referenced.friendlyUniqueId]: { kms_master_key_id: "${aws_kms_key.Key.arn}" },
      [topic.friendlyUniqueId]: { kms_master_key_id: "alias/aws/sns" },
    });
  });

  it("goes on every stack, because cdktf 0.21 never invokes an aspect added only to the app", () => {
    const { app, stack } = violatingApp();
    let visits = 0;
    Aspects.of(app).add({ visit: () => visits++ });
    Testing.synth(stack);
    expect(visits).toBe(0);

    applyPolicy(app);
    expect(Aspects.of(stack).all).toHaveLength(1);
  });

  it("refuses an app without stacks, and a check without a pack", () => {
    expect(() => applyPolicy(Testing.app())).toThrow(/has no stacks yet; apply the policy after building them/);
    expect(() => checkPolicy(violatingApp().app)).toThrow(/no policy pack is applied to this app; call applyPolicy/);
  });
});
