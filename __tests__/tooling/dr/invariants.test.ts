import { DR_INVARIANTS, invariantViolations } from "../../../src/tooling/dr/invariants";
import type { SynthesizedStacks } from "../../../src/tooling/dr/synthesized";
import { stacksFor } from "../../support/budget";
import { testConfig } from "../../support/synth";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** A stack's JSON to change in place. */
interface MutableStack {
  resource: Blocks;
  data: Blocks;
  provider?: Record<string, Record<string, unknown>[]>;
}

/** A deep copy of `stacks` with `change` applied to stack `name`'s JSON. */
function mutate(stacks: SynthesizedStacks, name: string, change: (stack: MutableStack) => void): SynthesizedStacks {
  const copy = JSON.parse(JSON.stringify(stacks)) as Record<string, MutableStack>;
  change(copy[name]);
  return copy as unknown as SynthesizedStacks;
}

/** The one resource of `type` in a mutable stack (the first, when there are several). */
function first(stack: MutableStack, type: string): Record<string, unknown> {
  return Object.values(stack.resource[type])[0];
}

describe.each<[string, object]>([
  ["the defaults", {}],
  ["the EC2 web tier", { web: { runtime: "ec2" } }],
  ["DR holding the writer", { dr: { activeRole: "dr" } }],
  ["a Global Datastore", { cache: { globalDatastore: true, nodeType: "cache.r6g.large" } }],
  ["an RPO bound and a spot group", { database: { globalRpoSeconds: 60 }, kubernetes: { spot: { enabled: true } } }],
])("the DR invariants with %s", (_name, overrides) => {
  it("all hold", () => {
    const config = testConfig(overrides);
    expect(invariantViolations({ config, stacks: stacksFor(config) })).toEqual([]);
  });
});

describe("each DR invariant catches what breaks it", () => {
  const config = testConfig();
  const stacks = stacksFor(config);

  test.each<[string, string, (stack: MutableStack) => void, RegExp]>([
    [
      "aurora-secondary",
      "dr",
      (s) => Object.assign(first(s, "aws_rds_cluster"), { global_cluster_identifier: "another-global" }),
      /^DR's cluster does not join titan-aurora-global$/,
    ],
    [
      "secret-replicas",
      "primary",
      (s) => {
        const secret = Object.values(s.resource.aws_secretsmanager_secret).find(
          (x) => x.name === "titan-primary-db-master",
        );
        delete (secret as Record<string, unknown>).replica;
      },
      /^secret titan-primary-db-master has no replica in us-west-1$/,
    ],
    [
      "image-replication",
      "primary",
      (s) => {
        const configuration = first(s, "aws_ecr_replication_configuration").replication_configuration as {
          rule: { repository_filter: unknown[] }[];
        };
        configuration.rule[0].repository_filter = configuration.rule[0].repository_filter.slice(0, 1);
      },
      /^ECR repository charts\/birthday-app is not replicated to us-west-1$/,
    ],
    [
      "log-replication",
      "cross-region",
      (s) => {
        const [rule] = first(s, "aws_s3_bucket_replication_configuration").rule as {
          destination: { replication_time: { status: string } };
        }[];
        rule.destination.replication_time.status = "Disabled";
      },
      /replicates without Replication Time Control$/,
    ],
    [
      "backup-copies",
      "primary",
      (s) => {
        const [rule] = first(s, "aws_backup_plan").rule as Record<string, unknown>[];
        delete rule.copy_action;
      },
      /^primary's backup plan copies nothing to titan-dr-backup in us-west-1$/,
    ],
    [
      "cache-strategy",
      "dr",
      (s) => delete s.resource.aws_elasticache_replication_group,
      /^dr has no Redis replication group$/,
    ],
    [
      "outside-primary-region",
      "dr",
      (s) => {
        s.provider = { aws: [...(s.provider?.aws ?? []), { region: "us-east-2", alias: "primary" }] };
        s.data.aws_caller_identity = { ...s.data.aws_caller_identity, Primary: { provider: "aws.primary" } };
      },
      /^dr: (a provider in us-east-2 \(alias primary\)|data aws_caller_identity\.Primary reads us-east-2)$/,
    ],
    [
      "outside-primary-region",
      "global",
      (s) => Object.assign(s.data, { terraform_remote_state: { Primary: { backend: "s3" } } }),
      /^global: data terraform_remote_state\.Primary reads remote state$/,
    ],
    [
      "edge-in-us-east-1",
      "global",
      (s) => {
        s.provider = { aws: [...(s.provider?.aws ?? []), { region: "us-west-2", alias: "west" }] };
        first(s, "aws_acm_certificate").provider = "aws.west";
      },
      /^aws_acm_certificate\.\w+ is in us-west-2$/,
    ],
    [
      "failover-health-checks",
      "global",
      (s) => {
        const secondary = Object.values(s.resource.aws_route53_record).find(
          (r) => (r.failover_routing_policy as { type?: string } | undefined)?.type === "SECONDARY",
        );
        delete (secondary as Record<string, unknown>).health_check_id;
      },
      /^OriginFailover_Secondary_\w+ has no health check$/,
    ],
    [
      "generic-db-name",
      "dr",
      (s) => {
        const project = Object.values(s.resource.aws_codebuild_project).find((p) =>
          JSON.stringify(p).includes("HELM_VALUES_JSON"),
        );
        if (!project) {
          throw new Error("no deploy project carries HELM_VALUES_JSON");
        }
        const variables = (project.environment as { environment_variable: { value: string }[] }).environment_variable;
        for (const variable of variables) {
          variable.value = variable.value.replace(
            /"db\.titan\.internal"/g,
            '"${aws_rds_cluster.Aurora_2CBAB212.endpoint}"',
          );
        }
      },
      /^dr: (aws_codebuild_project\.HelmDeploy_\w+ names a cluster endpoint; give it db\.titan\.internal|the app is not given db\.titan\.internal)$/,
    ],
    [
      "replication-watched",
      "dr",
      (s) => {
        for (const [name, alarm] of Object.entries(s.resource.aws_cloudwatch_metric_alarm)) {
          if (alarm.metric_name === "AuroraGlobalDBReplicationLag") {
            delete s.resource.aws_cloudwatch_metric_alarm[name];
          }
        }
      },
      /^dr, the standby, has no replication-lag alarm$/,
    ],
    [
      "rpo-bound-everywhere",
      "dr",
      (s) => {
        first(s, "aws_rds_cluster_parameter_group").parameter = [
          { name: "rds.force_ssl", value: "1" },
          { name: "rds.global_db_rpo", value: "30" },
        ];
      },
      /^primary bounds the RPO at nothing, DR at 30$/,
    ],
  ])("%s (broken in %s)", (id, stack, change, problem) => {
    const violations = invariantViolations({ config, stacks: mutate(stacks, stack, change) });
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations) {
      expect(violation).toEqual({ id, statement: expect.any(String), problem: expect.stringMatching(problem) });
    }
  });

  it("traffic-follows-writer: stacks that still answer with primary after the writer moved", () => {
    const moved = testConfig({ dr: { activeRole: "dr" } });
    expect(invariantViolations({ config: moved, stacks }).find((v) => v.id === "traffic-follows-writer")?.problem).toBe(
      "PRIMARY answers with primary.origin.api.example.com, not dr.origin.api.example.com",
    );
  });

  it("standby-serves: a standby node group allowed to reach zero", () => {
    const cold = testConfig({ kubernetes: { nodes: { standby: { min: 0, max: 6, desired: 0 } } } });
    expect(invariantViolations({ config: cold, stacks: stacksFor(cold) })).toEqual([
      expect.objectContaining({
        id: "standby-serves",
        problem: expect.stringMatching(/^dr's on-demand node groups may scale to zero/),
      }),
    ]);
  });

  it("covers every invariant", () => {
    const tested = new Set([
      "aurora-secondary",
      "secret-replicas",
      "image-replication",
      "log-replication",
      "backup-copies",
      "cache-strategy",
      "outside-primary-region",
      "edge-in-us-east-1",
      "failover-health-checks",
      "traffic-follows-writer",
      "generic-db-name",
      "standby-serves",
      "replication-watched",
      "rpo-bound-everywhere",
    ]);
    expect(DR_INVARIANTS.map((invariant) => invariant.id).sort()).toEqual([...tested].sort());
  });
});
