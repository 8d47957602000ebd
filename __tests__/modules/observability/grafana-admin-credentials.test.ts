import { Testing } from "cdktf";
import { GrafanaAdminCredentials } from "../../../src/modules/observability/grafana-admin-credentials";
import { Namer } from "../../../src/naming";

const KEY = "arn:aws:kms:us-west-1:111122223333:key/dr";

function synth(passwordVersion?: number) {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new GrafanaAdminCredentials(scope, "GrafanaAdmin", {
        namer: new Namer("titan", "dr"),
        kmsKeyArn: KEY,
        passwordVersion,
      });
    }),
  ) as {
    resource: Record<string, Record<string, Record<string, unknown>>>;
    ephemeral: Record<string, Record<string, Record<string, unknown>>>;
  };
}

describe("GrafanaAdminCredentials", () => {
  const json = synth();
  const [secret] = Object.values(json.resource.aws_secretsmanager_secret);
  const [version] = Object.values(json.resource.aws_secretsmanager_secret_version);

  it("keeps a region's own CMK-encrypted secret, not replicated: DR's Grafana works while us-east-2 is down", () => {
    expect(secret).toMatchObject({ name: "titan-dr-grafana-admin", kms_key_id: KEY });
    expect(secret).not.toHaveProperty("replica");
  });

  it("writes a generated password only through secret_string_wo, with the login the chart reads", () => {
    expect(version.secret_string_wo).toMatch(
      /^\$\{jsonencode\(\{"username" = "admin", "password" = ephemeral\.aws_secretsmanager_random_password\.grafana_admin_password_[0-9a-f]{8}\.random_password\}\)\}$/,
    );
    expect(version.secret_string_wo_version).toBe(1);
    expect(version).not.toHaveProperty("secret_string");
    const [generator] = Object.values(json.ephemeral.aws_secretsmanager_random_password);
    expect(generator).toEqual({ password_length: 32, exclude_punctuation: true });
  });

  it("rotates by generation, and refuses a generation below 1", () => {
    expect(Object.values(synth(2).resource.aws_secretsmanager_secret_version)[0].secret_string_wo_version).toBe(2);
    expect(() => synth(0)).toThrow(
      "passwordVersion: must be a whole number of 1 or more (bump it by one to rotate), got 0",
    );
  });
});
