import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { AuroraCluster } from "../../../src/modules/database/aurora-cluster";
import { AuroraGlobalCluster } from "../../../src/modules/database/aurora-global-cluster";
import { DatabaseCredentials } from "../../../src/modules/database/db-credentials";
import { InternalZone } from "../../../src/modules/dns/internal-zone";
import { Namer } from "../../../src/naming";

/** The primary region's database as the regional stack wires it: credentials, global and regional clusters, generic names. */
export function primaryDatabaseStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "database");
  new AwsProvider(stack, "aws", { region: "us-east-2" });
  const namer = new Namer("titan", "primary");
  const kmsKeyArn = "arn:aws:kms:us-east-2:111122223333:key/11111111-2222-3333-4444-555555555555";
  const zone = "titan.internal";

  const credentials = new DatabaseCredentials(stack, "DbCredentials", {
    namer,
    kmsKeyArn,
    replicaRegion: "us-west-1",
    username: "birthday_admin",
    databaseName: "birthday",
    host: `db.${zone}`,
  });
  const global = new AuroraGlobalCluster(stack, "AuroraGlobal", {
    identifier: "titan-aurora-global",
    engineVersion: "16.6",
    databaseName: "birthday",
  });
  const aurora = new AuroraCluster(stack, "Aurora", {
    namer,
    region: "us-east-2",
    accountId: "111122223333",
    membership: {
      kind: "primary",
      masterUsername: "birthday_admin",
      masterPasswordWo: credentials.passwordExpression,
      masterPasswordWoVersion: credentials.passwordVersion,
      databaseName: "birthday",
    },
    globalClusterIdentifier: global.identifier,
    engineVersion: "16.6",
    instanceClass: "db.r6g.large",
    instanceCount: 2,
    availabilityZones: ["us-east-2a", "us-east-2b", "us-east-2c"],
    dbSubnetGroupName: "titan-primary-db",
    securityGroupIds: ["sg-0123456789abcdef0"],
    kmsKeyArn,
  });
  new InternalZone(stack, "InternalZone", {
    zoneName: zone,
    vpcId: "vpc-0123456789abcdef0",
    region: "us-east-2",
    cnames: { db: global.endpoint, "db-reader": aurora.readerEndpoint },
  });
  return stack;
}
