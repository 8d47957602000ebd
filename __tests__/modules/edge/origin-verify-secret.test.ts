import { OriginVerifySecret, type OriginVerifySecretProps } from "../../../src/modules/edge/origin-verify-secret";
import { Namer } from "../../../src/naming";
import { one, synthScope } from "./synth";

const PROPS: OriginVerifySecretProps = {
  namer: new Namer("titan", "primary"),
  kmsKeyArn: "arn:aws:kms:us-east-2:111122223333:key/primary",
  replicaRegions: ["us-west-1", "us-east-1"],
  generation: 1,
};

const synth = (props: Partial<OriginVerifySecretProps> = {}) =>
  synthScope((scope) => {
    new OriginVerifySecret(scope, "OriginVerifySecret", { ...PROPS, ...props });
  });

const GENERATED = /ephemeral\.aws_secretsmanager_random_password\.origin_verify_value_[0-9a-f]{8}\.random_password/;

describe("OriginVerifySecret", () => {
  it("is the primary key's secret, replicated to DR and us-east-1, named for its readers", () => {
    expect(OriginVerifySecret.secretName(new Namer("titan", "primary"))).toBe("titan-primary-origin-verify");
    expect(one(synth(), "aws_secretsmanager_secret")).toMatchObject({
      name: "titan-primary-origin-verify",
      kms_key_id: PROPS.kmsKeyArn,
      recovery_window_in_days: 30,
      replica: [{ region: "us-west-1" }, { region: "us-east-1" }],
    });
  });

  it("generates a 48-character alphanumeric value (an ALB header condition reads * and ? as wildcards)", () => {
    const json = synth();
    expect(Object.values(json.ephemeral?.aws_secretsmanager_random_password ?? {})).toEqual([
      { password_length: 48, exclude_punctuation: true },
    ]);
  });

  it("writes generation 1 through the write-only argument, the fresh value as current and previous", () => {
    const version = one(synth(), "aws_secretsmanager_secret_version");
    expect(version.secret_string_wo_version).toBe(1);
    const document = String(version.secret_string_wo);
    expect(document).toMatch(/^\$\{jsonencode\(\{"generation" = 1, "current" = ephemeral\./);
    expect(document.match(new RegExp(GENERATED.source, "g"))).toHaveLength(2);
    expect(version).not.toHaveProperty("secret_string");
  });

  it("keeps the value it replaces as previous from generation 2, read just before the write", () => {
    const json = synth({ generation: 3 });
    const [readName, read] = Object.entries(json.ephemeral?.aws_secretsmanager_secret_version ?? {})[0];
    expect(read).toEqual({
      secret_id: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.\w+\.id\}$/),
      version_stage: "AWSCURRENT",
    });
    const version = one(json, "aws_secretsmanager_secret_version");
    expect(version.secret_string_wo_version).toBe(3);
    const stored = `jsondecode(ephemeral.aws_secretsmanager_secret_version.${readName}.secret_string)`;
    expect(version.secret_string_wo).toBe(
      `\${jsonencode({"generation" = 3, "current" = ${String(version.secret_string_wo).match(GENERATED)?.[0]}, "previous" = ${stored}.generation == 3 ? ${stored}.previous : ${stored}.current})}`,
    );
  });

  it("holds no literal value anywhere", () => {
    const text = JSON.stringify(synth({ generation: 2 }));
    expect(text).not.toMatch(/"current":\s*"[A-Za-z0-9]{20,}"/);
  });

  test.each<[string, Partial<OriginVerifySecretProps>, RegExp]>([
    [
      "generation 0",
      { generation: 0 },
      /generation: must be a whole number of 1 or more \(bump it by one to rotate\).*got 0/,
    ],
    ["a fractional generation", { generation: 1.5 }, /generation: must be a whole number/],
    ["a replica region twice", { replicaRegions: ["us-west-1", "us-west-1"] }, /replicaRegions: repeats a region/],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
