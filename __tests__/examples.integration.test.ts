import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { TitanStacks } from "../src/app";
import { configWarnings, loadConfigFile, type TitanConfig } from "../src/config";
import { checkPolicy, formatFinding } from "../src/policy";
import { CONFIG_SCHEMA_FILE } from "../src/tooling/config-json-schema";
import { computeBudget, describeExceedances } from "../src/tooling/dr/budget";
import { invariantViolations } from "../src/tooling/dr/invariants";
import { stacksFor } from "./support/budget";
import { EXAMPLES_DIR, exampleFiles } from "./support/examples";
import { buildApp, resourcesOf, type SynthesizedStack, synthJson } from "./support/synth";

/** A date inside every pinned version's standard support, so only the examples' own choices warn. */
const NOW = new Date("2026-01-15T00:00:00Z");

const validateAgainstPublishedSchema = new Ajv2020({ strict: true, allErrors: true }).compile(
  JSON.parse(readFileSync(join(__dirname, "..", CONFIG_SCHEMA_FILE), "utf8")),
);

interface Example {
  readonly config: TitanConfig;
  readonly stacks: TitanStacks;
  readonly json: Readonly<Record<keyof TitanStacks, SynthesizedStack>>;
}

const built = new Map<string, Example>();

/** An example loaded as main.ts loads TITAN_CONFIG, built, judged by the policy pack and synthesized. */
function example(file: string): Example {
  const cached = built.get(file);
  if (cached !== undefined) {
    return cached;
  }
  const config = loadConfigFile(join(EXAMPLES_DIR, file));
  const stacks = buildApp(config);
  const json = Object.fromEntries(
    Object.entries(stacks).map(([key, stack]) => [key, synthJson(stack)]),
  ) as Example["json"];
  const result = { config, stacks, json };
  built.set(file, result);
  return result;
}

describe("examples/", () => {
  it("holds the scenarios the README lists", () => {
    expect(exampleFiles()).toEqual([
      "dr-active.json",
      "ec2-runtime.json",
      "production.json",
      "redis-global-datastore.json",
      "shield-advanced.json",
      "spot-capacity.json",
    ]);
  });

  describe.each(exampleFiles())("%s", (file) => {
    it("follows the published JSON Schema, as an editor checks it", () => {
      const raw = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), "utf8"));
      expect(validateAgainstPublishedSchema(raw) ? [] : validateAgainstPublishedSchema.errors).toEqual([]);
    });

    it("synthesizes every stack with no finding of the policy pack", () => {
      const { stacks, json } = example(file);
      expect(checkPolicy(stacks.primary.node.root).violations.map(formatFinding)).toEqual([]);
      expect(Object.keys(json)).toHaveLength(8);
    });

    it("meets its recovery targets and keeps every DR invariant, as main.ts requires before writing", () => {
      const { config } = example(file);
      const stacks = stacksFor(config);
      expect(describeExceedances(computeBudget(config, stacks).exceeded)).toEqual([]);
      expect(invariantViolations({ config, stacks })).toEqual([]);
    });

    it("leaves nothing for a deploy to trip on: no warning but the ones the scenario chooses", () => {
      const expected = file === "shield-advanced.json" ? [expect.stringMatching(/^edge\.shieldAdvanced is true/)] : [];
      expect(configWarnings(example(file).config, NOW)).toEqual(expected);
    });
  });

  it("ec2-runtime: both regions run the web tier behind the ALB's instance target group", () => {
    const { json } = example("ec2-runtime.json");
    for (const region of [json.primary, json.dr]) {
      const [group] = Object.values(resourcesOf(region, "aws_autoscaling_group"));
      expect(group.launch_template).toBeDefined();
      expect(Object.values(resourcesOf(region, "aws_lb_target_group")).map((tg) => tg.target_type)).toContain(
        "instance",
      );
    }
    expect(Object.values(resourcesOf(json.primary, "aws_autoscaling_group"))[0].desired_capacity).toBe(3);
    expect(Object.values(resourcesOf(json.dr, "aws_autoscaling_group"))[0].desired_capacity).toBe(2);
  });

  it("redis-global-datastore: primary creates the datastore and hands its id to DR through us-west-1", () => {
    const { json } = example("redis-global-datastore.json");
    expect(Object.keys(resourcesOf(json.primary, "aws_elasticache_global_replication_group"))).toHaveLength(1);
    expect(Object.values(resourcesOf(json.primary, "aws_ssm_parameter")).map((p) => p.name)).toEqual([
      "/titan/handoff/cache-global-replication-group-id",
    ]);
    const [drGroup] = Object.values(resourcesOf(json.dr, "aws_elasticache_replication_group"));
    expect(drGroup.global_replication_group_id).toMatch(/^\$\{data\.aws_ssm_parameter\./);
  });

  it("spot-capacity: a tainted spot group beside the on-demand one, from the listed types", () => {
    const groups = Object.values(resourcesOf(example("spot-capacity.json").json.primary, "aws_eks_node_group"));
    const spot = groups.find((group) => group.capacity_type === "SPOT");
    expect(spot).toMatchObject({
      instance_types: ["t3.medium", "t3a.medium", "m5.large", "m6i.large"],
      taint: [{ key: "capacity", value: "spot", effect: "NO_SCHEDULE" }],
    });
    // An on-demand group per zone of primary, one spot group across them.
    expect(groups.map((group) => group.capacity_type).sort()).toEqual(["ON_DEMAND", "ON_DEMAND", "ON_DEMAND", "SPOT"]);
  });

  it("production: bigger classes and counts everywhere, one NAT per AZ in DR too", () => {
    const { json } = example("production.json");
    const instances = (stack: SynthesizedStack) => Object.values(resourcesOf(stack, "aws_rds_cluster_instance"));
    expect(instances(json.primary).map((i) => i.instance_class)).toEqual(Array(3).fill("db.r6g.xlarge"));
    expect(instances(json.dr)).toHaveLength(2);
    expect(Object.keys(resourcesOf(json.dr, "aws_nat_gateway"))).toHaveLength(2);
    expect(Object.values(resourcesOf(json.primary, "aws_sns_topic_subscription")).map((s) => s.endpoint)).toEqual([
      "oncall@birthday.example.org",
      "platform@birthday.example.org",
    ]);
  });

  it("dr-active: after a failover DR runs the active capacity, writes through its own cluster and takes the backups", () => {
    const { json } = example("dr-active.json");
    // The zones' on-demand groups, which add up to the active size in DR and the standby one in primary.
    const general = (stack: SynthesizedStack) => {
      const groups = Object.values(resourcesOf(stack, "aws_eks_node_group")).filter(
        (group) => group.capacity_type === "ON_DEMAND",
      );
      const sizes = groups.map((group) => group.scaling_config as { min_size: number; max_size: number });
      return {
        min_size: sizes.reduce((sum, size) => sum + size.min_size, 0),
        max_size: sizes.reduce((sum, size) => sum + size.max_size, 0),
      };
    };
    expect(general(json.dr)).toEqual({ min_size: 2, max_size: 6 });
    expect(general(json.primary)).toEqual({ min_size: 1, max_size: 6 });
    const dbRecord = Object.values(resourcesOf(json.dr, "aws_route53_record")).find(
      (r) => r.name === "db.titan.internal",
    );
    expect(dbRecord?.records).toEqual([expect.stringMatching(/aws_rds_cluster\.\w+\.endpoint\}$/)]);
    expect(Object.keys(resourcesOf(json.dr, "aws_backup_plan"))).toHaveLength(1);
    expect(Object.keys(resourcesOf(json.primary, "aws_backup_plan"))).toHaveLength(0);
    const lagAlarms = (stack: SynthesizedStack) =>
      Object.values(resourcesOf(stack, "aws_cloudwatch_metric_alarm")).filter(
        (alarm) => alarm.metric_name === "AuroraGlobalDBReplicationLag",
      );
    expect(lagAlarms(json.primary)).toHaveLength(1);
    expect(lagAlarms(json.dr)).toHaveLength(0);
    const failoverPair = Object.values(resourcesOf(json.global, "aws_route53_record"))
      .filter((record) => record.failover_routing_policy !== undefined)
      .map((record) => [
        (record.failover_routing_policy as { type: string }).type,
        (record.alias as { name: string }).name,
      ]);
    expect(failoverPair).toEqual([
      ["PRIMARY", "dr.origin.api.birthday.example.org"],
      ["SECONDARY", "primary.origin.api.birthday.example.org"],
    ]);
  });

  it("shield-advanced: the subscription and a protection of the distribution, in global only", () => {
    const { json } = example("shield-advanced.json");
    expect(Object.keys(resourcesOf(json.global, "aws_shield_subscription"))).toHaveLength(1);
    expect(Object.values(resourcesOf(json.global, "aws_shield_protection"))[0].resource_arn).toMatch(
      /aws_cloudfront_distribution/,
    );
  });
});
