import { TerraformOutput } from "cdktf";
import { OriginVerifyValue } from "../../../src/modules/edge/origin-verify-value";
import { synthScope } from "./synth";

describe("OriginVerifyValue", () => {
  const build = (versionId?: string) =>
    synthScope((scope) => {
      const value = new OriginVerifyValue(scope, "OriginVerify", {
        secretName: "titan-primary-origin-verify",
        versionId,
      });
      new TerraformOutput(scope, "current", { value: value.current, sensitive: true });
      new TerraformOutput(scope, "accepted", { value: value.acceptedValues, sensitive: true });
    }) as unknown as {
      data: Record<string, Record<string, Record<string, unknown>>>;
      output: Record<string, { value: unknown }>;
    };

  it("reads its region's copy by name (AWSCURRENT), and offers current and the accepted pair", () => {
    const json = build();
    const [id, read] = Object.entries(json.data.aws_secretsmanager_secret_version)[0];
    expect(read).toEqual({ secret_id: "titan-primary-origin-verify" });
    const stored = `jsondecode(data.aws_secretsmanager_secret_version.${id}.secret_string)`;
    expect(json.output.current.value).toBe(`\${${stored}.current}`);
    expect(json.output.accepted.value).toBe(`\${distinct([${stored}.current, ${stored}.previous])}`);
  });

  it("reads a pinned version when given one (primary, right after writing it)", () => {
    const read = Object.values(
      build("${aws_secretsmanager_secret_version.V.version_id}").data.aws_secretsmanager_secret_version,
    )[0];
    expect(read).toEqual({
      secret_id: "titan-primary-origin-verify",
      version_id: "${aws_secretsmanager_secret_version.V.version_id}",
    });
  });
});
