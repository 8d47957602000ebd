import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ElasticacheGlobalReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-global-replication-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { TerraformOutput, Testing } from "cdktf";
import { RedisReplicationGroup, type RedisReplicationGroupProps } from "../../../src/modules/cache/redis";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";
import { resourcesOf, type SynthesizedStack } from "../../support/synth";

const KEY = "arn:aws:kms:us-east-2:111122223333:key/data";
const LOG_KEY = "arn:aws:kms:us-east-2:111122223333:key/logs";

const baseProps: RedisReplicationGroupProps = {
  namer: new Namer("titan", "primary"),
  membership: { kind: "standalone" },
  engineVersion: "7.1",
  nodeType: "cache.t3.micro",
  nodeCount: 2,
  availabilityZones: ["us-east-2a", "us-east-2b", "us-east-2c"],
  subnetGroupName: "titan-primary-cache",
  securityGroupIds: ["sg-0123"],
  kmsKeyArn: KEY,
  userGroupId: "titan-primary-redis-users",
  logKmsKeyArn: LOG_KEY,
};
const globalProps = { nodeType: "cache.r7g.large" };

function synth(props: Partial<RedisReplicationGroupProps> = {}): string {
  return Testing.synthScope((scope) => {
    const redis = new RedisReplicationGroup(scope, "Redis", { ...baseProps, ...props });
    new TerraformOutput(scope, "global_id", { value: redis.globalReplicationGroupId ?? "none" });
  });
}

function replicationGroup(json: string): Record<string, unknown> {
  const groups = Object.values(resourcesOf(JSON.parse(json) as SynthesizedStack, "aws_elasticache_replication_group"));
  expect(groups).toHaveLength(1);
  return groups[0];
}

describe("RedisReplicationGroup", () => {
  test.each([
    [2, ["us-east-2a", "us-east-2b", "us-east-2c"], ["us-east-2a", "us-east-2b"]],
    [3, ["us-east-2a", "us-east-2b", "us-east-2c"], ["us-east-2a", "us-east-2b", "us-east-2c"]],
    [3, ["us-west-1b", "us-west-1c"], ["us-west-1b", "us-west-1c", "us-west-1b"]],
  ])("puts %p nodes round-robin over %p, the primary in the first AZ", (nodeCount, availabilityZones, placed) => {
    expect(synth({ nodeCount, availabilityZones })).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: "titan-primary-redis",
      num_cache_clusters: nodeCount,
      preferred_cache_cluster_azs: placed,
    });
  });

  it("names its member nodes as ElastiCache does, for per-node alarms", () => {
    let members: readonly string[] = [];
    Testing.synthScope((scope) => {
      members = new RedisReplicationGroup(scope, "Redis", { ...baseProps, nodeCount: 3 }).memberClusterIds;
    });
    expect(members).toEqual(["titan-primary-redis-001", "titan-primary-redis-002", "titan-primary-redis-003"]);
  });

  it("fails over automatically across AZs by default", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      automatic_failover_enabled: true,
      multi_az_enabled: true,
    });
  });

  it("runs one node in one AZ only when failover is explicitly off", () => {
    expect(
      synth({ automaticFailover: false, nodeCount: 1, availabilityZones: ["us-east-2a"] }),
    ).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      num_cache_clusters: 1,
    });
  });

  it("encrypts at rest with the customer key and requires TLS in transit", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      engine: "redis",
      engine_version: "7.1",
      at_rest_encryption_enabled: "true",
      kms_key_id: KEY,
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
    });
  });

  it("authenticates through the RBAC user group and never through an AUTH token", () => {
    const group = replicationGroup(synth());
    expect(group.user_group_ids).toEqual(["titan-primary-redis-users"]);
    expect(group).not.toHaveProperty("auth_token");
  });

  it("keeps daily snapshots, 7 days unless told otherwise", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheReplicationGroup, { snapshot_retention_limit: 7 });
    expect(synth({ snapshotRetentionDays: 35 })).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      snapshot_retention_limit: 35,
    });
  });

  it("applies changes immediately, which ElastiCache requires for any change to log delivery (#49842)", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheReplicationGroup, { apply_immediately: true });
  });

  it("delivers slow and engine logs to encrypted log groups with retention", () => {
    const json = synth({ logRetentionDays: 30 });
    for (const logType of ["slow-log", "engine-log"]) {
      expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/aws/elasticache/titan-primary-redis/${logType}`,
        kms_key_id: LOG_KEY,
        retention_in_days: 30,
      });
    }
    expect(replicationGroup(json).log_delivery_configuration).toEqual([
      expect.objectContaining({ log_type: "slow-log", destination_type: "cloudwatch-logs", log_format: "json" }),
      expect.objectContaining({ log_type: "engine-log", destination_type: "cloudwatch-logs", log_format: "json" }),
    ]);
  });

  it("creates no Global Datastore when standalone", () => {
    const json = synth();
    expect(json).not.toHaveResource(ElasticacheGlobalReplicationGroup);
    expect((JSON.parse(json) as SynthesizedStack).output?.global_id.value).toBe("none");
  });

  it("as a global primary, creates the Global Datastore named in the global scope and exposes its id", () => {
    const json = synth({ ...globalProps, membership: { kind: "global-primary" } });
    expect(json).toHaveResourceWithProperties(ElasticacheGlobalReplicationGroup, {
      global_replication_group_id_suffix: "titan-global-redis",
      primary_replication_group_id: expect.stringMatching(/aws_elasticache_replication_group\.Redis_\w+\.id/),
    });
    expect((JSON.parse(json) as SynthesizedStack).output?.global_id.value).toMatch(
      /aws_elasticache_global_replication_group\.Redis_Global_\w+\.global_replication_group_id/,
    );
    expect(replicationGroup(json)).toMatchObject({ engine: "redis", transit_encryption_mode: "required" });
  });

  describe("as a global secondary", () => {
    const json = synth({
      ...globalProps,
      namer: new Namer("titan", "dr"),
      availabilityZones: ["us-west-1b", "us-west-1c"],
      kmsKeyArn: "arn:aws:kms:us-west-1:111122223333:key/dr",
      userGroupId: "titan-dr-redis-users",
      membership: { kind: "global-secondary", globalReplicationGroupId: "ldgnf-titan-global-redis" },
    });
    const group = replicationGroup(json);

    it("joins the Global Datastore", () => {
      expect(group.global_replication_group_id).toBe("ldgnf-titan-global-redis");
      expect(json).not.toHaveResource(ElasticacheGlobalReplicationGroup);
    });

    test.each([
      "engine",
      "engine_version",
      "node_type",
      "parameter_group_name",
      "transit_encryption_enabled",
      "transit_encryption_mode",
      "at_rest_encryption_enabled",
      "num_node_groups",
      "snapshot_arns",
      "snapshot_name",
    ])("omits %s, which it inherits and AWS rejects on a secondary", (argument) => {
      expect(group).not.toHaveProperty(argument);
    });

    it("keeps its own key, users, nodes, failover and snapshots", () => {
      expect(group).toMatchObject({
        replication_group_id: "titan-dr-redis",
        kms_key_id: "arn:aws:kms:us-west-1:111122223333:key/dr",
        user_group_ids: ["titan-dr-redis-users"],
        num_cache_clusters: 2,
        preferred_cache_cluster_azs: ["us-west-1b", "us-west-1c"],
        automatic_failover_enabled: true,
        multi_az_enabled: true,
        snapshot_retention_limit: 7,
      });
    });
  });

  test.each<[string, Partial<RedisReplicationGroupProps>, RegExp]>([
    ["one node with failover", { nodeCount: 1 }, /nodeCount: must be 2 or more with automaticFailover, got 1/],
    [
      "seven nodes",
      { nodeCount: 7 },
      /nodeCount: must be a whole number from 1 to 6 \(a primary and up to five replicas\).*got 7/,
    ],
    [
      "a fractional node count",
      { nodeCount: 2.5 },
      /nodeCount: must be a whole number from 1 to 6 \(a primary and up to five replicas\).*got 2\.5/,
    ],
    [
      "no AZ",
      { automaticFailover: false, nodeCount: 1, availabilityZones: [] },
      /availabilityZones: must list at least one AZ/,
    ],
    [
      "failover within one AZ",
      { availabilityZones: ["us-east-2a", "us-east-2a"] },
      /2 or more distinct AZs .*us-east-2a/,
    ],
    [
      "no snapshots",
      { snapshotRetentionDays: 0 },
      /snapshotRetentionDays: must be a whole number from 1 to 35 \(ElastiCache's limit is 35\).*got 0/,
    ],
    [
      "snapshots beyond ElastiCache's limit",
      { snapshotRetentionDays: 36 },
      /snapshotRetentionDays: must be a whole number from 1 to 35 \(ElastiCache's limit is 35\).*got 36/,
    ],
    [
      "a log retention CloudWatch does not offer",
      { logRetentionDays: 45 },
      /logRetentionDays: must be one of .*got 45/,
    ],
    [
      "Redis 6 with IAM authentication",
      { engineVersion: "6.2" },
      /engineVersion: "6\.2" has no IAM authentication, which is how the app connects; use 7\./,
    ],
    [
      "a burstable node in a Global Datastore",
      { membership: { kind: "global-primary" } },
      /nodeType: must be an m5, m6g, m7g, r5, r6g, r6gd, r7g or c7gn node type, large o.*got "cache\.t3\.micro"/,
    ],
    [
      "a node below large in a Global Datastore",
      { nodeType: "cache.r6g.medium", membership: { kind: "global-secondary", globalReplicationGroupId: "x" } },
      /nodeType: must be an m5, m6g, m7g, r5, r6g, r6gd, r7g or c7gn node type, large o.*got "cache\.r6g\.medium"/,
    ],
  ])("rejects %s, naming the replication group", (_case, props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });

  test.each(["cache.r7g.large", "cache.m5.xlarge", "cache.r6gd.2xlarge", "cache.c7gn.16xlarge"])(
    "accepts %s in a Global Datastore",
    (nodeType) => {
      expect(() => synth({ nodeType, membership: { kind: "global-primary" } })).not.toThrow();
    },
  );
});

describe("RedisReplicationGroup grants and metrics", () => {
  function withGroup(check: (redis: RedisReplicationGroup) => void): void {
    Testing.synthScope((scope) => check(new RedisReplicationGroup(scope, "Redis", { ...baseProps, nodeCount: 3 })));
  }

  it("grants elasticache:Connect on the replication group and the one user the grantee connects as", () => {
    const statements: unknown[] = [];
    withGroup((redis) => {
      redis.grantConnect({ addToPolicy: (statement) => statements.push(statement) }, "arn:aws:elasticache:user:app");
      expect(statements).toEqual([
        {
          sid: "ConnectToRedis",
          actions: ["elasticache:Connect"],
          resources: [redis.arn, "arn:aws:elasticache:user:app"],
        },
      ]);
    });
  });

  it("describes a metric once per node, by the node ids ElastiCache publishes it under", () => {
    withGroup((redis) => {
      expect(redis.metricPerNode("EngineCPUUtilization", "Average")).toEqual(
        ["001", "002", "003"].map((node) => ({
          namespace: "AWS/ElastiCache",
          metricName: "EngineCPUUtilization",
          dimensions: { CacheClusterId: `titan-primary-redis-${node}` },
          stat: "Average",
        })),
      );
    });
  });
});
