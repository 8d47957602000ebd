/**
 * Real offline plans of config changes to a deployed `primary`: the state is built by applying
 * the default config's plans on paper (support/state-from-plan.ts), then each change is planned
 * against it with the AWS provider's own diff. This is where the stateful guard and the teardown
 * switch are proven against Terraform rather than against hand-written plan JSON.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { GUARD_EXIT_CODE } from "../../../src/tooling/plan/cli";
import {
  changesNothing,
  deployedState,
  planOffline,
  type SynthesizedStackDir,
  synthesizeStack,
} from "../../support/offline-terraform";
import { removeTempDirs, tempDir } from "../fixtures";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");
const RENAMED = { database: { globalClusterIdentifier: "titan-aurora-global-renamed" } };

jest.setTimeout(600_000);
afterAll(removeTempDirs);

let deployed: unknown;
let globalClusterAddress: string;

beforeAll(async () => {
  const primary = synthesizeStack({}, (stacks) => stacks.primary);
  globalClusterAddress = `aws_rds_global_cluster.${Object.keys((primary.json as { resource: Record<string, object> }).resource.aws_rds_global_cluster)[0]}`;
  deployed = await deployedState(primary);
});

describe("the deployed primary stack", () => {
  it("plans no changes when its config is unchanged", async () => {
    const { plan, outcome } = await planOffline(
      synthesizeStack({}, (s) => s.primary),
      { state: deployed },
    );
    expect(changesNothing(plan)).toBe(true);
    expect(outcome.result).toBe("planned");
  });
});

describe("the stateful guard", () => {
  let renamed: SynthesizedStackDir;
  beforeAll(() => {
    renamed = synthesizeStack(RENAMED, (s) => s.primary);
  });

  it("blocks a renamed global cluster: Terraform replaces it, losing the database", async () => {
    const { outcome, plan, summary } = await planOffline(renamed, { state: deployed });
    const replaced = plan.changes.find((c) => c.address === globalClusterAddress);
    expect(replaced).toMatchObject({ action: "replace", replacePaths: ["global_cluster_identifier"] });
    expect(outcome.result).toBe("blocked");
    expect(outcome.guardLines).toEqual([
      `${globalClusterAddress} would be REPLACED (forced by global_cluster_identifier): loses the Aurora global database every regional cluster belongs to`,
    ]);
    expect(summary).toContain(`### Replace \`${globalClusterAddress}\``);
    expect(summary).toContain(
      '- forced by `global_cluster_identifier`: `"titan-aurora-global"` → `"titan-aurora-global-renamed"`',
    );
    expect(summary).toContain(`--allow-destroy=primary:${globalClusterAddress}`);
  });

  it("lets the same plan through when --allow-destroy names the global cluster, and says so", async () => {
    const { outcome, summary } = await planOffline(renamed, { state: deployed, allowDestroy: [globalClusterAddress] });
    expect(outcome.result).toBe("planned");
    expect(outcome.allowedAddresses).toEqual([globalClusterAddress]);
    expect(summary).toContain("Allowed with `--allow-destroy`:");
  });

  it("passes a new vpcCidr: the network is rebuilt, but no resource holding data is replaced", async () => {
    const moved = synthesizeStack({ regions: { primary: { vpcCidr: "10.4.0.0/16" } } }, (s) => s.primary);
    const { outcome, plan } = await planOffline(moved, { state: deployed });
    const replaced = plan.changes.filter((c) => c.action === "replace").map((c) => c.type);
    expect(replaced).toEqual(expect.arrayContaining(["aws_vpc", "aws_subnet", "aws_security_group"]));
    expect(outcome.result).toBe("planned");
  });

  it("makes `npm run plan` exit with code 3 and print what it refuses", () => {
    const stateFile = path.join(tempDir("guard-cli"), "primary.tfstate");
    fs.writeFileSync(stateFile, JSON.stringify(deployed));
    const run = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        path.join(PROJECT_ROOT, "src", "tooling", "plan", "cli.ts"),
        "primary",
        `--out=${renamed.outDir}`,
        `--state=${stateFile}`,
      ],
      { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 600_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(GUARD_EXIT_CODE);
    expect(run.stdout).toContain("BLOCKED by the stateful guard:");
    expect(run.stdout).toContain(`${globalClusterAddress} would be REPLACED (forced by global_cluster_identifier)`);
    expect(fs.readdirSync(path.join(renamed.outDir, "plans", "primary")).sort()).toEqual([
      "plan-meta.json",
      "plan.bin",
      "plan.json",
      "summary.md",
    ]);
  });
});
