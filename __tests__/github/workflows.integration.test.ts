import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { DEPLOY_ORDER } from "../../src/app";
import { DEFAULT_CONFIG } from "../../src/config/defaults";
import { evaluateIf, simulateRun } from "../support/workflow-run";

/**
 * The team workflow in `.github/workflows/`: schema-valid (action-validator, the same check
 * `npm test` makes on every pull request), in the deploy order, with the trust the `ci` stack's
 * roles expect, and running exactly the commands README documents.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const VALIDATOR = path.join(ROOT, "node_modules", ".bin", "action-validator");

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly outputs?: Record<string, string>;
  readonly "runs-on"?: unknown;
  readonly steps?: Step[];
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const workflowFiles = fs
  .readdirSync(WORKFLOWS)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();

function load(file: string): Workflow {
  return parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

function validate(file: string): { status: number | null; output: string } {
  const run = spawnSync(VALIDATOR, [file], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

/** Every line of every `run:` script that starts a command with `npm`, in file order. */
function npmCommands(workflow: Workflow): string[] {
  return steps(workflow)
    .flatMap((step) => (step.run ?? "").split("\n"))
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npm "));
}

/** The lines of the first fenced block after `heading` in README.md. */
function readmeBlock(heading: string, startsWith: string): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(heading);
  const block = start < 0 ? null : /```sh\n([\s\S]*?)```/.exec(readme.slice(start));
  if (block === null) {
    throw new Error(`README.md has no sh block after ${heading}`);
  }
  return block[1]
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith(startsWith));
}

function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : [job.needs].flat();
}

describe("the workflow files", () => {
  it("are the pull request, deploy and per-stack workflows", () => {
    expect(workflowFiles).toEqual(["deploy.yml", "pull-request.yml", "stack.yml"]);
  });

  it.each(workflowFiles)("%s passes action-validator (GitHub's workflow schema, job and step references)", (file) => {
    const result = validate(path.join(WORKFLOWS, file));
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("action-validator fails a broken workflow: the check above can fail", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "titan-workflow-"));
    const broken = path.join(dir, "stack.yml");
    const text = fs.readFileSync(path.join(WORKFLOWS, "stack.yml"), "utf8");
    fs.writeFileSync(broken, text.replace("    needs: plan\n", "    needs: planned\n"));
    const result = validate(broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("unresolved job planned");
  });

  it.each(workflowFiles)("%s pins every action to a commit and asks for no more than it reads by default", (file) => {
    const workflow = load(file);
    expect(workflow.permissions).toEqual({ contents: "read" });
    const actions = steps(workflow).flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
    for (const action of actions) {
      expect(action).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
    }
    const text = fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
    for (const action of actions) {
      // The tag the commit was taken from, for whoever updates it.
      expect(text).toMatch(new RegExp(`${action.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} # v\\d+\\.\\d+\\.\\d+`));
    }
  });

  it.each(workflowFiles)("%s holds no AWS keys: credentials come from GitHub's OIDC provider", (file) => {
    const text = fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
    expect(text).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|secrets\./,
    );
    expect(text).not.toMatch(/pull_request_target/);
  });
});

describe("the pull request workflow", () => {
  const workflow = load("pull-request.yml");

  it("runs the tests and the offline plan of every stack, with no AWS credentials", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(npmCommands(workflow)).toEqual(["npm ci", "npm test", "npm run plan -- all"]);
    expect(steps(workflow).some((step) => step.uses?.startsWith("aws-actions/"))).toBe(false);
    expect(Object.values(workflow.jobs).every((job) => job.permissions === undefined)).toBe(true);
  });
});

describe("the deploy workflow", () => {
  const workflow = load("deploy.yml");
  const stackWorkflow = load("stack.yml");
  const calledInputs = (stackWorkflow.on.workflow_call as { inputs: Record<string, { required: boolean }> }).inputs;

  it("deploys the main branch the plan role trusts", () => {
    expect((workflow.on.push as { branches: string[] }).branches).toEqual([DEFAULT_CONFIG.ci.mainBranch]);
  });

  it("plans and applies the stacks one at a time, in the deploy order, from primary on", () => {
    const expected: string[] = DEPLOY_ORDER.filter((stack) => !stack.startsWith("state-") && stack !== "ci");
    const jobs = new Map(Object.entries(workflow.jobs));
    expect(jobs.size).toBe(expected.length);
    // Each job needs the one before it in the deploy order (and maybe earlier ones): one at a time.
    for (const [index, stack] of expected.entries()) {
      const needs = needsOf(workflow.jobs[stack]);
      expect(needs.every((need) => expected.indexOf(need) < index)).toBe(true);
      expect(index === 0 ? needs : needs.includes(expected[index - 1])).toEqual(index === 0 ? [] : true);
    }
    expect(simulateRun(workflow.jobs).ran).toEqual(expected);
    for (const [id, job] of jobs) {
      expect(job.uses).toBe("./.github/workflows/stack.yml");
      expect(job.with?.stack).toBe(id);
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      for (const input of Object.keys(job.with ?? {})) {
        expect(Object.keys(calledInputs)).toContain(input);
      }
    }
  });

  it("stops a normal run at the first stack that fails: nothing after it is planned", () => {
    const primaryDown = simulateRun(workflow.jobs, { outcome: (job) => (job === "primary" ? "failure" : "success") });
    expect(primaryDown.ran).toEqual(["primary"]);
    const drK8sFails = simulateRun(workflow.jobs, { outcome: (job) => (job === "dr-k8s" ? "failure" : "success") });
    expect(drK8sFails.ran).toEqual(["primary", "dr", "primary-k8s", "dr-k8s"]);
    expect(drK8sFails.results).toMatchObject({ global: "skipped", "cross-region": "skipped" });
  });

  it("runs the failover (dr, dr-k8s, global, in order) while us-east-2 is down, waiting on nothing there", () => {
    const dispatch = workflow.on.workflow_dispatch as { inputs: Record<string, { type: string; default: unknown }> };
    expect(dispatch.inputs.failover).toMatchObject({ type: "boolean", default: false });
    // Every us-east-2 job would fail: primary's plan reads its us-east-2 backend, primary-k8s its cluster.
    const down = (job: string) => (["primary", "primary-k8s", "cross-region"].includes(job) ? "failure" : "success");
    const failover = simulateRun(workflow.jobs, { inputs: { failover: true, allow_destroy: "" }, outcome: down });
    expect(failover.ran).toEqual(["dr", "dr-k8s", "global"]);
    expect(failover.results).toMatchObject({ primary: "skipped", "primary-k8s": "skipped", "cross-region": "skipped" });
    // A stack of the failover that fails still stops the ones after it.
    const drFails = simulateRun(workflow.jobs, {
      inputs: { failover: true },
      outcome: (job) => (job === "dr" ? "failure" : "success"),
    });
    expect(drFails.ran).toEqual(["dr"]);
  });

  it("needs each DR-side job's explicit condition: without them GitHub skips the whole failover", () => {
    // Without the explicit conditions, GitHub skips every job after a skipped one (the reviewer's finding).
    const naive = Object.fromEntries(
      Object.entries(workflow.jobs).map(([id, job]) => [
        id,
        { needs: job.needs, if: ["primary", "primary-k8s", "cross-region"].includes(id) ? job.if : undefined },
      ]),
    );
    expect(simulateRun(naive, { inputs: { failover: true } }).ran).toEqual([]);
  });

  it("gives a failover run its own concurrency group, so a queued push can never cancel it", () => {
    const { concurrency } = workflow as unknown as { concurrency: { group: string; "cancel-in-progress": boolean } };
    expect(concurrency["cancel-in-progress"]).toBe(false);
    expect(concurrency.group).toBe("deploy-${{ inputs.failover && 'failover' || 'main' }}");
  });

  it("sends the Kubernetes stacks to runners inside their VPC", () => {
    expect(workflow.jobs["primary-k8s"].with?.runner).toContain("titan-primary");
    expect(workflow.jobs["dr-k8s"].with?.runner).toContain("titan-dr");
    expect(workflow.jobs.primary.with?.runner).toBeUndefined();
  });
});

describe("one stack's plan and apply", () => {
  const workflow = load("stack.yml");
  const { plan, apply } = workflow.jobs;
  const credentials = (job: Job) =>
    job.steps?.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"));

  it("plans with the plan role, outside any environment: the role trusts the branch's subject", () => {
    expect(plan.environment).toBeUndefined();
    expect(plan.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(credentials(plan)?.with).toMatchObject({
      "role-to-assume": "${{ vars.TITAN_PLAN_ROLE_ARN }}",
      "aws-region": "${{ vars.TITAN_STS_REGION || 'us-west-1' }}",
      "allowed-account-ids": "${{ vars.TITAN_AWS_ACCOUNT_ID }}",
    });
    expect(DEFAULT_CONFIG.regions.dr.region).toBe("us-west-1");
  });

  it("applies with the apply role, only in the approval environment the role trusts, only what was planned", () => {
    expect(apply.needs).toBe("plan");
    expect(apply.environment).toBe(DEFAULT_CONFIG.ci.applyEnvironment);
    expect(apply.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(credentials(apply)?.with).toMatchObject({ "role-to-assume": "${{ vars.TITAN_APPLY_ROLE_ARN }}" });
    const uploaded = plan.steps?.find((step) => step.uses?.startsWith("actions/upload-artifact@"))?.with;
    const downloaded = apply.steps?.find((step) => step.uses?.startsWith("actions/download-artifact@"))?.with;
    expect(downloaded?.name).toBe(uploaded?.name);
    expect(uploaded?.path).toContain("cdktf.out/plans/${{ inputs.stack }}/stored-plan.json");
    // Downloaded where it was uploaded from: the paths' common root, cdktf.out.
    expect(downloaded?.path).toBe("cdktf.out");
    expect(npmCommands({ ...workflow, jobs: { apply } })).toEqual([
      "npm ci",
      'npm run plan:download -- "$STACK"',
      'npm run apply -- "$STACK"',
    ]);
    // No credentials before the record of the saved plan is in place, and no synth or plan in the apply job.
    const order = (apply.steps ?? []).map((step) => step.uses?.split("@")[0] ?? step.run);
    expect(order.indexOf("actions/download-artifact")).toBeLessThan(
      order.indexOf("aws-actions/configure-aws-credentials"),
    );
  });

  it("hands the saved plan over through the state bucket, never as an artifact, and leaves none of it on a runner", () => {
    const planSteps = plan.steps ?? [];
    const index = (match: (step: Step) => boolean) => planSteps.findIndex(match);
    const upload = index((step) => step.run?.includes("npm run plan:upload") === true);
    const artifact = index((step) => step.uses?.startsWith("actions/upload-artifact@") === true);
    expect(upload).toBeGreaterThan(index((step) => step.run?.includes("--live") === true));
    expect(upload).toBeLessThan(artifact);
    // An allow-list of files: no directory of plans that would pick up plan.bin or plan.json.
    const paths = String(planSteps[artifact].with?.path)
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("cdktf.out/plans/"));
    expect(paths.every((line) => /\/(summary\.md|plan-meta\.json|stored-plan\.json)$/.test(line))).toBe(true);
    for (const job of [plan, apply]) {
      const last = (job.steps ?? []).at(-1);
      expect(last).toMatchObject({ if: "${{ always() }}", run: "rm -rf cdktf.out/plans" });
    }
  });

  it("skips the apply, and its approval, when the plan changes nothing", () => {
    expect(apply.if).toBe("${{ needs.plan.outputs.applyable == 'true' }}");
    expect(plan.outputs?.applyable).toBe("${{ steps.meta.outputs.applyable }}");
    const meta = plan.steps?.find((step) => (step as { id?: string }).id === "meta");
    expect(meta?.run).toContain("plan-meta.json");
    expect(meta?.run).toContain("m.applyable");
  });

  it("passes the reviewer's allowances for this stack only to the guard", () => {
    const script = plan.steps?.find((step) => step.run?.includes("--live"))?.run ?? "";
    const bash = spawnSync(
      "bash",
      ["-c", `${script.replace(/^npm run plan -- .*$/m, 'printf "%s\\n" "$STACK" "${allow[@]}"')}`],
      {
        encoding: "utf8",
        env: { ...process.env, STACK: "primary", ALLOW_DESTROY: "primary:aws_kms_key.a dr:aws_kms_key.b primary:x.y" },
      },
    );
    expect(bash.stdout.trim().split("\n")).toEqual([
      "primary",
      "--allow-destroy=primary:aws_kms_key.a",
      "--allow-destroy=primary:x.y",
    ]);
  });

  it("declares what deploy.yml passes", () => {
    const inputs = Object.keys((workflow.on.workflow_call as { inputs: object }).inputs);
    expect(inputs).toEqual(["stack", "allow_destroy", "runner"]);
  });
});

describe("README's team workflow", () => {
  it("documents exactly the npm commands the workflows run", () => {
    const run = workflowFiles.flatMap((file) => npmCommands(load(file)));
    expect(readmeBlock("## Team workflow", "npm")).toEqual([...new Set(run)]);
  });

  it("destroys in reverse deploy order", () => {
    const prefix = "TITAN_CONFIG=titan.json npm run cdktf -- destroy ";
    const [destroy] = readmeBlock("## Teardown", prefix);
    expect(destroy.slice(prefix.length).split(" ")).toEqual([...DEPLOY_ORDER].reverse());
  });
});

describe("the workflow simulation the deploy tests rely on", () => {
  const scope = (upstream: ("success" | "failure" | "skipped")[], needs = {}) => ({ inputs: {}, needs, upstream });

  it("adds GitHub's implicit success() to an if without a status function, over every upstream job", () => {
    expect(evaluateIf("${{ true }}", scope(["success", "skipped"]))).toBe(false);
    expect(evaluateIf("${{ !cancelled() && true }}", scope(["success", "skipped"]))).toBe(true);
    expect(evaluateIf(undefined, scope(["success"]))).toBe(true);
    expect(evaluateIf("${{ failure() }}", scope(["failure"]))).toBe(true);
  });

  it("reads inputs and needs results, comparing strings as GitHub does (ignoring case)", () => {
    const withNeeds = { inputs: { failover: true }, needs: { "dr-k8s": "success" as const }, upstream: [] };
    expect(evaluateIf("${{ needs.dr-k8s.result == 'SUCCESS' && inputs.failover }}", withNeeds)).toBe(true);
    expect(evaluateIf("${{ !cancelled() && (inputs.missing || 'fallback') }}", withNeeds)).toBe("fallback");
  });

  test.each(["${{ github.ref == 'x' }}", "${{ needs.other.result == 'success' }}", "${{ contains('a', 'b') }}"])(
    "refuses what it does not model: %s",
    (condition) => {
      expect(() => evaluateIf(condition, scope([]))).toThrow(/workflow-run:/);
    },
  );
});
