import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import { TerraformOutput, Testing } from "cdktf";
import {
  AuroraGlobalCluster,
  type AuroraGlobalClusterProps,
} from "../../../src/modules/database/aurora-global-cluster";

const PROPS: AuroraGlobalClusterProps = {
  identifier: "titan-aurora-global",
  engineVersion: "16.6",
  databaseName: "birthday",
};

function synth(props: Partial<AuroraGlobalClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    new AuroraGlobalCluster(scope, "AuroraGlobal", { ...PROPS, ...props });
  });
}

describe("AuroraGlobalCluster", () => {
  it("is an encrypted, deletion-protected aurora-postgresql global database at the pinned version", () => {
    expect(synth()).toHaveResourceWithProperties(RdsGlobalCluster, {
      global_cluster_identifier: "titan-aurora-global",
      engine: "aurora-postgresql",
      engine_version: "16.6",
      database_name: "birthday",
      storage_encrypted: true,
      deletion_protection: true,
    });
  });

  it("stays out of RDS Extended Support, which bills past end of standard support", () => {
    expect(synth()).toHaveResourceWithProperties(RdsGlobalCluster, {
      engine_lifecycle_support: "open-source-rds-extended-support-disabled",
    });
  });

  it("lets deletion protection be turned off explicitly", () => {
    expect(synth({ deletionProtection: false })).toHaveResourceWithProperties(RdsGlobalCluster, {
      deletion_protection: false,
    });
  });

  it("exposes the global writer endpoint and the identifier as references to the global cluster", () => {
    const json = Testing.synthScope((scope) => {
      const global = new AuroraGlobalCluster(scope, "AuroraGlobal", PROPS);
      new TerraformOutput(scope, "endpoint", { value: global.endpoint });
      new TerraformOutput(scope, "identifier", { value: global.identifier });
    });
    const outputs = (JSON.parse(json) as { output: Record<string, { value: string }> }).output;
    expect(outputs.endpoint.value).toMatch(/^\$\{aws_rds_global_cluster\.AuroraGlobal_[A-Za-z0-9_]+\.endpoint\}$/);
    expect(outputs.identifier.value).toMatch(/^\$\{aws_rds_global_cluster\.AuroraGlobal_[A-Za-z0-9_]+\.id\}$/);
  });

  test.each(["16", "16.6.1", "latest", ""])(
    "rejects engineVersion %p: it must be a pinned major.minor",
    (engineVersion) => {
      expect(() => synth({ engineVersion })).toThrow(
        `engineVersion: must be an aurora-postgresql major.minor version such as 16.11, got ${JSON.stringify(engineVersion)}`,
      );
    },
  );
});
