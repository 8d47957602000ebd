/**
 * Real offline plans of config changes to a deployed `primary`: the state is built by applying
 * the default config's plans on paper (support/state-from-plan.ts), then each change is planned
 * against it with the AWS provider's own diff. This is where the stateful guard and the teardown
 * switch are proven against Terraform rather than against hand-written plan JSON.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TEARDOWN_LIFTS } from "../../../src/stacks/teardown";
import { isStatefulType } from "../../../src/stateful";
import { GUARD_EXIT_CODE } from "../../../src/tooling/plan/cli";
import { guardChanges } from "../../../src/tooling/plan/guard";
import type { ResourceChange } from "../../../src/tooling/plan/plan-json";
import {
  type Deployed,
  deploy,
  planOffline,
  type SynthesizedStackDir,
  synthesizeStack,
} from "../../support/offline-terraform";
import { removeTempDirs, tempDir } from "../fixtures";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

jest.setTimeout(900_000);
afterAll(removeTempDirs);

/** The address of the one resource of `type` in a synthesized stack. */
function addressOf(stack: SynthesizedStackDir, type: string): string {
  const names = Object.keys((stack.json as { resource: Record<string, object> }).resource[type]);
  expect(names).toHaveLength(1);
  return `${type}.${names[0]}`;
}

/** A resource's attributes in a state built by state-from-plan. */
function stateAttributes(state: unknown, address: string): Record<string, unknown> {
  const resources = (state as { resources: { type: string; name: string; instances: { attributes: object }[] }[] })
    .resources;
  const found = resources.find((r) => `${r.type}.${r.name}` === address);
  if (!found) {
    throw new Error(`${address} is not in the state`);
  }
  return found.instances[0].attributes as Record<string, unknown>;
}

/**
 * Top-level attributes an update changes to a known value. An update whose values are all "known
 * after apply" is a policy document Terraform reads again after the resources it names change.
 */
function knownChanges(change: ResourceChange): string[] {
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const unknown = (change.afterUnknown ?? {}) as Record<string, unknown>;
  return Object.keys(after).filter(
    (key) => unknown[key] !== true && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/** The attributes teardown sets on a type, as Terraform names them (lifecycle is not an attribute). */
function liftedAttributes(type: string): string[] {
  return Object.keys(TEARDOWN_LIFTS[type]?.overrides ?? {}).filter((path) => !path.startsWith("lifecycle."));
}

let primary: SynthesizedStackDir;
let deployed: Deployed;

beforeAll(async () => {
  primary = synthesizeStack({}, (stacks) => stacks.primary);
  deployed = await deploy(primary);
});

describe("the deployed primary stack", () => {
  it("plans no changes once applied, and the guard passes", () => {
    expect(deployed.settled.outcome).toMatchObject({ result: "planned", counts: { add: 0, change: 0, destroy: 0 } });
    expect(deployed.settled.summary).toContain("**No changes.**");
    // Nothing to apply: the team workflow skips the apply job (and its approval).
    const meta = JSON.parse(fs.readFileSync(path.join(deployed.settled.planDir, "plan-meta.json"), "utf8"));
    expect(meta).toMatchObject({ applyable: false, blocked: [] });
    expect(deployed.first.plan.applyable).toBe(true);
  });
});

describe("the stateful guard", () => {
  let renamed: SynthesizedStackDir;
  let globalCluster: string;
  beforeAll(() => {
    renamed = synthesizeStack(
      { database: { globalClusterIdentifier: "titan-aurora-global-renamed" } },
      (s) => s.primary,
    );
    globalCluster = addressOf(renamed, "aws_rds_global_cluster");
  });

  it("blocks a renamed global cluster: Terraform replaces it, losing the database, unless --allow-destroy names it", async () => {
    const { outcome, plan, summary } = await planOffline(renamed, { state: deployed.state });
    expect(plan.changes.find((c) => c.address === globalCluster)).toMatchObject({
      action: "replace",
      replacePaths: ["global_cluster_identifier"],
    });
    expect(outcome.result).toBe("blocked");
    expect(outcome.guardLines).toEqual([
      `${globalCluster} would be REPLACED (forced by global_cluster_identifier): loses the Aurora global database every regional cluster belongs to`,
    ]);
    expect(summary).toContain(`### Replace \`${globalCluster}\``);
    expect(summary).toContain(
      '- forced by `global_cluster_identifier`: `"titan-aurora-global"` → `"titan-aurora-global-renamed"`',
    );
    expect(summary).toContain(`--allow-destroy=primary:${globalCluster}`);
    // The same real plan, with the reviewer's allowance: nothing left to block.
    expect(guardChanges(plan.changes, [globalCluster]).blocked).toEqual([]);
  });

  it("blocks a new vpcCidr: the network is rebuilt, and with it both Aurora instances, whose zone comes from the new data subnets", async () => {
    const moved = synthesizeStack({ regions: { primary: { vpcCidr: "10.4.0.0/16" } } }, (s) => s.primary);
    const { outcome, plan } = await planOffline(moved, { state: deployed.state });
    const replaced = plan.changes.filter((c) => c.action === "replace");
    expect(replaced.map((c) => c.type)).toEqual(
      expect.arrayContaining(["aws_vpc", "aws_subnet", "aws_security_group"]),
    );
    // Not the cluster, the global cluster, Redis, the key or the EKS cluster: only the instances.
    const statefulReplaced = replaced.filter((c) => isStatefulType(c.type));
    expect(statefulReplaced.map((c) => [c.type, c.replacePaths])).toEqual([
      ["aws_rds_cluster_instance", ["availability_zone"]],
      ["aws_rds_cluster_instance", ["availability_zone"]],
    ]);
    expect(outcome.result).toBe("blocked");
    expect(outcome.guardLines).toEqual(
      statefulReplaced.map(
        (c) =>
          `${c.address} would be REPLACED (forced by availability_zone): loses an Aurora instance; replacing the writer fails over the cluster`,
      ),
    );
  });

  it("makes `npm run plan` exit with code 3, print what it refuses and save the plan", () => {
    const stateFile = path.join(tempDir("guard-cli"), "primary.tfstate");
    fs.writeFileSync(stateFile, JSON.stringify(deployed.state));
    const run = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        path.join(PROJECT_ROOT, "src", "tooling", "plan", "cli.ts"),
        "primary",
        `--out=${renamed.outDir}`,
        `--state=${stateFile}`,
      ],
      { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 900_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(GUARD_EXIT_CODE);
    expect(run.stdout).toContain("BLOCKED by the stateful guard:");
    expect(run.stdout).toContain(`${globalCluster} would be REPLACED (forced by global_cluster_identifier)`);
    expect(fs.readdirSync(path.join(renamed.outDir, "plans", "primary")).sort()).toEqual([
      "plan-meta.json",
      "plan.bin",
      "plan.json",
      "summary.md",
    ]);
    expect(fs.readFileSync(path.join(renamed.outDir, "plans", "summary.md"), "utf8")).toContain(
      "| primary | **BLOCKED** |",
    );
  });
});

describe("the teardown switch", () => {
  let teardown: SynthesizedStackDir;
  let lifted: Deployed;
  beforeAll(async () => {
    teardown = synthesizeStack({ teardown: true }, (s) => s.primary);
    lifted = await deploy(teardown, deployed.state);
  });

  it("lifts every protection in one apply, replacing nothing and destroying only the locks, then plans no more changes", () => {
    const { plan, outcome } = lifted.first;
    expect(outcome.result).toBe("planned");
    const removed = Object.keys(TEARDOWN_LIFTS).filter((type) => TEARDOWN_LIFTS[type].removed);
    const others = plan.changes.filter((c) => !["update", "no-op", "read"].includes(c.action));
    expect(others.map((c) => [c.type, c.action])).toEqual(removed.map((type) => [type, "delete"]));
    const updates = plan.changes.filter((c) => c.action === "update");
    const liftedTypes = new Set(updates.filter((c) => knownChanges(c).length > 0).map((c) => c.type));
    const inPlace = Object.keys(TEARDOWN_LIFTS).filter((type) => !TEARDOWN_LIFTS[type].removed);
    expect([...liftedTypes].sort()).toEqual(inPlace.sort());
    for (const change of updates.filter((c) => TEARDOWN_LIFTS[c.type] !== undefined)) {
      for (const attribute of knownChanges(change)) {
        expect({ [change.address]: attribute }).toEqual({
          [change.address]: expect.stringMatching(new RegExp(`^(${liftedAttributes(change.type).join("|")})$`)),
        });
      }
    }
    // The state that apply leaves plans nothing more: teardown and the snapshot name are stable.
    expect(lifted.rounds).toBe(2);
  });

  it("leaves in state what destroy reads: no protection, a final snapshot named after the cluster's key", () => {
    const attributes = (type: string) => stateAttributes(lifted.state, addressOf(teardown, type));
    expect(attributes("aws_rds_cluster")).toMatchObject({ deletion_protection: false, skip_final_snapshot: false });
    expect(attributes("aws_rds_global_cluster")).toMatchObject({ deletion_protection: false });
    expect(attributes("aws_lb")).toMatchObject({ enable_deletion_protection: false });
    expect(attributes("aws_backup_vault")).toMatchObject({ force_destroy: true });
    const secrets = Object.keys(
      (teardown.json as { resource: { aws_secretsmanager_secret: object } }).resource.aws_secretsmanager_secret,
    );
    expect(secrets.length).toBeGreaterThan(1);
    for (const secret of secrets) {
      expect(stateAttributes(lifted.state, `aws_secretsmanager_secret.${secret}`)).toMatchObject({
        recovery_window_in_days: 0,
      });
    }
    const key = attributes("aws_kms_key");
    expect(attributes("aws_rds_cluster").final_snapshot_identifier).toBe(`titan-primary-aurora-final-${key.key_id}`);
    for (const bucket of Object.keys(
      (teardown.json as { resource: { aws_s3_bucket: object } }).resource.aws_s3_bucket,
    )) {
      expect(stateAttributes(lifted.state, `aws_s3_bucket.${bucket}`)).toMatchObject({ force_destroy: true });
    }
  });

  it("lets destroy plan what the protected config refuses", async () => {
    const refused = await planOffline(primary, { state: deployed.state, destroy: true, mayFail: true });
    expect(refused.outcome.result).toBe("plan failed");
    expect(refused.outcome.diagnostics.map((d) => d.summary)).toContain("Instance cannot be destroyed");

    const destroyed = await planOffline(teardown, { state: lifted.state, destroy: true });
    expect(destroyed.outcome.result).toBe("planned");
    expect(destroyed.plan.changes.filter((c) => c.mode === "managed").every((c) => c.action === "delete")).toBe(true);
    expect(destroyed.summary).toContain("# Destroy plan: primary (offline)");
    expect(destroyed.outcome.guardLines).toContainEqual(
      expect.stringMatching(/^allowed by --allow-destroy: aws_rds_cluster\.\S+ would be DESTROYED/),
    );
  });
});
