/**
 * No drift after a failover, proven on real offline plans: primary, dr and global are deployed on
 * paper with the writer in primary (support/state-from-plan.ts), then planned with dr.activeRole
 * flipped to "dr": the flip alone (the documented capacity step) moves capacity, the DB names, the
 * backup plan and the traffic pair and touches no stateful resource. After the runbook, it changes
 * nothing the runbook did: DR is planned again with the runbook's values written into its state
 * (the runbook's own targets, read from the flipped stacks), and for primary and global the flip's
 * plans are shown to end exactly where the runbook puts them. The runbook and the next apply never
 * fight.
 */
import { STACK_NAMES } from "../../../src/app";
import type { RegionRole } from "../../../src/config";
import { isStatefulType } from "../../../src/stateful";
import { renderStacks } from "../../../src/tooling/dr/synthesized";
import { clampDesired } from "../../../src/tooling/failover/steps/capacity";
import { type RecoveryTargets, recoveryTargets } from "../../../src/tooling/failover/targets";
import type { ParsedPlan, ResourceChange } from "../../../src/tooling/plan/plan-json";
import {
  type Deployed,
  deploy,
  planOffline,
  type SynthesizedStackDir,
  synthesizeStack,
} from "../../support/offline-terraform";
import { buildApp, testConfig } from "../../support/synth";
import { removeTempDirs } from "../fixtures";

jest.setTimeout(900_000);
afterAll(removeTempDirs);

const FLIPPED = { dr: { activeRole: "dr" } };
const STACKS = [STACK_NAMES.primary, STACK_NAMES.dr, STACK_NAMES.global] as const;
type Name = (typeof STACKS)[number];

interface StateResource {
  type: string;
  name: string;
  instances: { attributes: Record<string, unknown> }[];
}

/** The attributes of `address` in a v4 state, to change in place. */
function attributesIn(state: unknown, address: string): Record<string, unknown> {
  const found = (state as { resources: StateResource[] }).resources.find((r) => `${r.type}.${r.name}` === address);
  if (!found) {
    throw new Error(`${address} is not in the state`);
  }
  return found.instances[0].attributes;
}

/** The state's resources of `type`, by address. */
function resourcesIn(state: unknown, type: string): [string, Record<string, unknown>][] {
  return (state as { resources: StateResource[] }).resources
    .filter((r) => r.type === type)
    .map((r) => [`${r.type}.${r.name}`, r.instances[0].attributes]);
}

function changed(plan: ParsedPlan): ResourceChange[] {
  return plan.changes.filter((change) => change.action !== "no-op" && change.action !== "read");
}

/** `{ address: action }` of everything a plan changes. */
function actions(plan: ParsedPlan): Record<string, string> {
  return Object.fromEntries(changed(plan).map((change) => [change.address, change.action]));
}

/** The address of the generic DB name record in a stack's state. */
function dbRecord(state: unknown): string {
  const [[address]] = resourcesIn(state, "aws_route53_record").filter(([, r]) => r.name === "db.titan.internal");
  return address;
}

/**
 * `role`'s deployed state after the runbook: its zones' node groups sized as the runbook sends them (the
 * flipped stack's min and max, the live size clamped into them) and its DB name on the endpoint
 * the flipped stack names, both taken from the runbook's own targets.
 */
function afterRunbook(role: RegionRole, state: unknown, targets: RecoveryTargets): unknown {
  const next = JSON.parse(JSON.stringify(state));
  const region = targets.regions[role];
  const [[, cluster]] = resourcesIn(next, "aws_rds_cluster");
  attributesIn(next, dbRecord(next)).records = [cluster[region.dbName.endpoint]];
  if (region.capacity.kind === "node-groups") {
    const deployedGroups = resourcesIn(next, "aws_eks_node_group").map(([, group]) => group);
    // Every zone's group the runbook sized, found in the state by its name.
    for (const { nodeGroupName, minSize, maxSize } of region.capacity.groups) {
      const group = deployedGroups.find((candidate) => candidate.node_group_name === nodeGroupName);
      if (group === undefined) {
        throw new Error(`${role}'s state has no node group ${nodeGroupName}`);
      }
      const [scaling] = group.scaling_config as { min_size: number; max_size: number; desired_size: number }[];
      Object.assign(scaling, {
        min_size: minSize,
        max_size: maxSize,
        desired_size: clampDesired(scaling.desired_size, minSize, maxSize),
      });
    }
  }
  return next;
}

let deployed: Record<Name, Deployed>;
let flipped: Record<Name, SynthesizedStackDir>;
let targets: RecoveryTargets;

beforeAll(async () => {
  const states = await Promise.all(STACKS.map((name) => deploy(synthesizeStack({}, (s) => s[name]))));
  deployed = Object.fromEntries(STACKS.map((name, n) => [name, states[n]])) as Record<Name, Deployed>;
  flipped = Object.fromEntries(STACKS.map((name) => [name, synthesizeStack(FLIPPED, (s) => s[name])])) as Record<
    Name,
    SynthesizedStackDir
  >;
  const config = testConfig(FLIPPED);
  targets = recoveryTargets(renderStacks(buildApp(config).primary.node.root), config);
});

let plans: Record<Name, ParsedPlan>;

describe("flipping dr.activeRole to dr, planned against the deployed stacks", () => {
  beforeAll(async () => {
    const planned = await Promise.all(
      STACKS.map((name) => planOffline(flipped[name], { state: deployed[name].state })),
    );
    plans = Object.fromEntries(STACKS.map((name, n) => [name, planned[n].plan])) as Record<Name, ParsedPlan>;
    for (const [n, name] of STACKS.entries()) {
      expect({ name, result: planned[n].outcome.result }).toEqual({ name, result: "planned" });
    }
  });

  it("changes no stateful resource in any stack: no detach, no promotion, no replacement", () => {
    for (const name of STACKS) {
      const touched = changed(plans[name]).filter(
        (change) => isStatefulType(change.type) || change.action === "replace",
      );
      expect({ name, touched: touched.map((c) => `${c.action} ${c.address}`) }).toEqual({ name, touched: [] });
    }
    for (const name of [STACK_NAMES.primary, STACK_NAMES.dr] as const) {
      const clusters = plans[name].changes.filter((c) => c.type.startsWith("aws_rds_"));
      expect(clusters.length).toBeGreaterThan(0);
      expect(clusters.every((c) => c.action === "no-op")).toBe(true);
    }
  });

  it("raises DR's nodes and points its DB name at its writer; the backup plan, lag alarm and app replicas follow", () => {
    const { dr } = plans;
    expect(actions(dr)).toEqual({
      "aws_backup_plan.AuroraBackup_8DDB00B9": "create",
      "aws_backup_selection.AuroraBackup_Selection_F8991547": "create",
      "aws_cloudwatch_dashboard.Dashboard_9E4231ED": "update",
      "aws_cloudwatch_metric_alarm.DatabaseAlarms_GlobalReplicationLag_17E0FA2C": "delete",
      // The helm deploy's chart values carry app.scaling.replicas.active (they follow the writer).
      "aws_codebuild_project.HelmDeploy_08EC1CD8": "update",
      // Only the zone that had no node at the standby size (min 1 over two zones: 1 and 0).
      "aws_eks_node_group.GeneralNodes_usw1-az3_6D2D432B": "update",
      "aws_iam_role.AuroraBackup_Role_316264F0": "create",
      // The database bootstrap's IRSA role follows the writer, like the Job in the k8s stacks.
      "aws_iam_role.WorkloadRoles_DbBootstrap_EEC1D1A4": "create",
      "aws_iam_role_policy.WorkloadRoles_DbBootstrap_RolePolicy_D6D6072B": "create",
      "aws_iam_role_policy_attachment.AuroraBackup_Role_ManagedPolicies_AWSBackupServiceRolePolicyForBackup_1909D4F8":
        "create",
      "aws_iam_role_policy_attachment.AuroraBackup_Role_ManagedPolicies_AWSBackupServiceRolePolicyForRestores_86C8944A":
        "create",
      "aws_route53_record.InternalZone_Cnames_db_F8FBAEA7": "update",
    });
    const nodes = changed(dr).find((c) => c.type === "aws_eks_node_group");
    expect(nodes?.after).toMatchObject({ node_group_name: "titan-dr-eks-general-usw1-az3" });
    expect(nodes?.before).toMatchObject({ scaling_config: [{ min_size: 0, max_size: 3, desired_size: 0 }] });
    expect(nodes?.after).toMatchObject({ scaling_config: [{ min_size: 1, max_size: 3, desired_size: 1 }] });
    const name = dr.changes.find((c) => c.address === dbRecord(deployed.dr.state));
    const cluster = resourcesIn(deployed.dr.state, "aws_rds_cluster")[0][1];
    expect(name?.before).toMatchObject({ records: [cluster.reader_endpoint] });
    expect(name?.after).toMatchObject({ records: [cluster.endpoint] });
  });

  it("lowers primary to standby and points its DB name at its reader; its backup plan goes, a lag alarm comes", () => {
    const { primary } = plans;
    // Updates: a zone's node group, the DB name, the dashboard and the helm deploy's replicas.
    // Deletes: the backup plan's five resources and the database bootstrap's role and policy.
    expect(Object.values(actions(primary)).sort()).toEqual(
      ["create", ...Array.from({ length: 7 }, () => "delete"), ...Array.from({ length: 4 }, () => "update")].sort(),
    );
    expect(actions(primary)["aws_codebuild_project.HelmDeploy_08EC1CD8"]).toBe("update");
    // The standby minimum (1 over three zones: 1, 0, 0) lowers only the second zone's floor.
    const nodes = changed(primary).filter((c) => c.type === "aws_eks_node_group");
    expect(nodes.map((c) => c.after)).toEqual([
      expect.objectContaining({
        node_group_name: "titan-primary-eks-general-use2-az2",
        scaling_config: [expect.objectContaining({ min_size: 0, max_size: 2 })],
      }),
    ]);
    const cluster = resourcesIn(deployed.primary.state, "aws_rds_cluster")[0][1];
    expect(primary.changes.find((c) => c.address === dbRecord(deployed.primary.state))?.after).toMatchObject({
      records: [cluster.reader_endpoint],
    });
    expect(
      changed(primary)
        .filter((c) => c.action === "delete")
        .every((c) => /AuroraBackup|WorkloadRoles_DbBootstrap/.test(c.address)),
    ).toBe(true);
  });

  it("swaps the failover pair's targets in place in global, and nothing else but the alarms' text", () => {
    expect(actions(plans.global)).toEqual({
      "aws_cloudwatch_metric_alarm.DrHealthCheckAlarm": "update",
      "aws_cloudwatch_metric_alarm.PrimaryHealthCheckAlarm": "update",
      "aws_route53_record.OriginFailover_Primary_CB123192": "update",
      "aws_route53_record.OriginFailover_Secondary_BE24CB37": "update",
    });
    const primaryRecord = plans.global.changes.find(
      (c) => c.address === "aws_route53_record.OriginFailover_Primary_CB123192",
    );
    expect(primaryRecord?.after).toMatchObject({
      set_identifier: "primary",
      failover_routing_policy: [{ type: "PRIMARY" }],
      alias: [{ name: "dr.origin.api.example.com" }],
    });
  });
});

describe("after the runbook, the flip changes nothing the runbook did", () => {
  it("DR: the zones' node groups and DB name the runbook set are already what the flipped stack wants (failover)", async () => {
    const state = afterRunbook("dr", deployed.dr.state, targets);
    const { plan, outcome } = await planOffline(flipped.dr, { state });
    expect(outcome.result).toBe("planned");
    const left = actions(plan);
    // No zone's node group is left to change.
    expect(Object.keys(left).filter((address) => address.startsWith("aws_eks_node_group."))).toEqual([]);
    expect(left[dbRecord(state)]).toBeUndefined();
    // What is left is what the runbook leaves to the apply: the backup plan, the alarms, the app's
    // replicas in the helm deploy's values and the database bootstrap's role follow the writer.
    expect(
      Object.keys(left).every((address) =>
        /AuroraBackup|Dashboard|GlobalReplicationLag|HelmDeploy|WorkloadRoles_DbBootstrap/.test(address),
      ),
    ).toBe(true);
  });

  it("primary and global: what the runbook sends is what the flipped plans converge to (switchover's DB name, the pair)", () => {
    // The flip's own plans (above) end where the runbook puts these resources: no second plan needed.
    const flipPlans = { primary: plans.primary, global: plans.global };
    const primaryCluster = resourcesIn(deployed.primary.state, "aws_rds_cluster")[0][1];
    const primaryName = flipPlans.primary.changes.find((c) => c.address === dbRecord(deployed.primary.state));
    expect(primaryName?.after).toMatchObject({
      records: [primaryCluster[targets.regions.primary.dbName.endpoint]],
      ttl: targets.regions.primary.dbName.ttl,
    });
    const checks = Object.fromEntries(
      resourcesIn(deployed.global.state, "aws_route53_health_check").map(([, c]) => [c.fqdn, c.id]),
    );
    for (const target of targets.failover.records) {
      const record = flipPlans.global.changes.find(
        (c) =>
          c.type === "aws_route53_record" &&
          (c.after as { set_identifier?: string })?.set_identifier === target.setIdentifier,
      );
      expect(record?.after).toMatchObject({
        failover_routing_policy: [{ type: target.failover }],
        alias: [{ name: target.aliasName, evaluate_target_health: target.evaluateTargetHealth }],
        health_check_id: checks[target.healthCheckFqdn],
      });
    }
  });
});
