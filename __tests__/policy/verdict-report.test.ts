import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { TerraformStack, Testing } from "cdktf";
import { applyPolicy, checkPolicy, formatPolicyReport, suppressRule } from "../../src/policy";

/** Two stacks: `a` with an unencrypted topic, an encrypted one and a suppressed one; `b` with nothing to judge. */
function app(suppressAll = false) {
  const root = Testing.app();
  const a = new TerraformStack(root, "a");
  new AwsProvider(a, "aws", { region: "us-east-2" });
  const plain = new SnsTopic(a, "Plain", { name: "plain" });
  new SnsTopic(a, "Encrypted", { name: "encrypted", kmsMasterKeyId: "alias/aws/sns" });
  const waived = new SnsTopic(a, "Waived", { name: "waived" });
  suppressRule(waived, "TITAN-SNS-1", "the test topic carries no data, so it needs no encryption");
  if (suppressAll) {
    suppressRule(plain, "TITAN-SNS-1", "the other test topic carries no data either, so it needs none");
  }
  new AwsProvider(new TerraformStack(root, "b"), "aws", { region: "us-west-1" });
  applyPolicy(root);
  return root;
}

describe("the policy report", () => {
  it("lists every rule in every stack with its verdict counts, dashes where it judged nothing", () => {
    const text = formatPolicyReport(checkPolicy(app()), ["a", "b"]);
    expect(text).toMatch(/^titan policy: \d+ rules over 2 stacks, \d+ verdicts$/m);
    expect(text).toContain("== a (");
    expect(text).toMatch(/^ {2}TITAN-SNS-1 +medium +1 +0 +1 +1$/m);
    expect(text).toContain("== b (0 verdicts)");
    expect(text).toMatch(/== b \(0 verdicts\)\n.*\n {2}TITAN-CB-1 +high +- +- +- +-/);
  });

  it("names each rule's severity and the scanner checks it mirrors", () => {
    const text = formatPolicyReport(checkPolicy(app()), ["a", "b"]);
    expect(text).toContain("  TITAN-SNS-1 (medium): SNS topics are encrypted with a KMS key");
    expect(text).toContain("      mirrors checkov CKV_AWS_26, trivy AVD-AWS-0095");
    expect(text).toContain("      mirrors none (neither checkov nor trivy checks force_destroy;");
  });

  it("prints every suppression with its reason, and every violation", () => {
    const text = formatPolicyReport(checkPolicy(app()), ["a", "b"]);
    expect(text).toContain("Suppressions (1):\n  - [TITAN-SNS-1] a/Waived (aws_sns_topic): kms_master_key_id is unset");
    expect(text).toContain("      suppressed: the test topic carries no data, so it needs no encryption");
    expect(text).toMatch(/Violations \(1\):\n {2}- \[TITAN-SNS-1\] a\/Plain \(aws_sns_topic\)/);
    expect(formatPolicyReport(checkPolicy(app(true)), ["a", "b"])).toMatch(/Violations: none$/);
  });
});
