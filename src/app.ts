import type { App } from "cdktf";
import type { TitanConfig } from "./config";
import { applyPolicy } from "./policy";
import { CiStack } from "./stacks/ci-stack";
import { CrossRegionStack } from "./stacks/cross-region-stack";
import { GlobalStack } from "./stacks/global-stack";
import { K8sStack } from "./stacks/k8s-stack";
import { requirePermissionsBoundary } from "./stacks/permissions-boundary";
import { RegionalStack } from "./stacks/regional/regional-stack";
import { StateStack } from "./stacks/state-stack";
import { liftProtections } from "./stacks/teardown";

/**
 * Id of the stack holding the team workflow's OIDC provider and roles. Built only when
 * `ci.githubRepository` names the repository, so it is not one of {@link TitanStacks}: find it
 * with `app.node.tryFindChild(CI_STACK_ID)`.
 */
export const CI_STACK_ID = "ci";

/** The stacks' names: their directories under `cdktf.out/stacks/` and their state keys. */
export const STACK_NAMES = {
  statePrimary: "state-primary",
  stateDr: "state-dr",
  primary: "primary",
  dr: "dr",
  primaryK8s: "primary-k8s",
  drK8s: "dr-k8s",
  global: "global",
  crossRegion: "cross-region",
} as const satisfies Record<keyof TitanStacks, string>;

/**
 * The deploy order: every stack after the stacks it depends on (a test checks it against
 * `addDependency`). `destroy` goes the other way. The state stacks keep local state, applied by
 * an operator; the team workflow runs the rest, from `primary` on.
 */
export const DEPLOY_ORDER = [
  STACK_NAMES.statePrimary,
  STACK_NAMES.stateDr,
  CI_STACK_ID,
  STACK_NAMES.primary,
  STACK_NAMES.dr,
  STACK_NAMES.primaryK8s,
  STACK_NAMES.drK8s,
  STACK_NAMES.global,
  STACK_NAMES.crossRegion,
] as const;

export interface TitanStacks {
  readonly statePrimary: StateStack;
  readonly stateDr: StateStack;
  readonly primary: RegionalStack;
  readonly dr: RegionalStack;
  readonly primaryK8s: K8sStack;
  readonly drK8s: K8sStack;
  readonly global: GlobalStack;
  readonly crossRegion: CrossRegionStack;
}

/**
 * Builds titan's stacks into `app`, with dependencies in deploy order: the state buckets, then
 * primary (it creates the Aurora global cluster), dr (it joins it), each region's k8s stack after
 * its cluster, the global edge (its alias targets are the regions' origin records, and primary writes
 * the origin-verify secret replica it reads) and the cross-region wiring (it needs both
 * regions' buckets). The `ci` stack joins them when the config names the repository, after the
 * DR state bucket that holds its state; every role of the other stacks then carries its permissions
 * boundary, so they come after it. With `teardown` on, every protection that stops `destroy` is lifted.
 */
export function buildTitan(app: App, config: TitanConfig): TitanStacks {
  const statePrimary = new StateStack(app, STACK_NAMES.statePrimary, { config, role: "primary" });
  const stateDr = new StateStack(app, STACK_NAMES.stateDr, { config, role: "dr" });
  const primary = new RegionalStack(app, STACK_NAMES.primary, { config, role: "primary" });
  const dr = new RegionalStack(app, STACK_NAMES.dr, { config, role: "dr" });
  const primaryK8s = new K8sStack(app, STACK_NAMES.primaryK8s, { config, role: "primary" });
  const drK8s = new K8sStack(app, STACK_NAMES.drK8s, { config, role: "dr" });
  const global = new GlobalStack(app, STACK_NAMES.global, { config });
  const crossRegion = new CrossRegionStack(app, STACK_NAMES.crossRegion, { config });

  primary.addDependency(statePrimary);
  dr.addDependency(stateDr);
  dr.addDependency(primary);
  primaryK8s.addDependency(primary);
  drK8s.addDependency(dr);
  global.addDependency(primary);
  global.addDependency(dr);
  crossRegion.addDependency(primary);
  crossRegion.addDependency(dr);
  if (config.ci.githubRepository !== "") {
    const ci = new CiStack(app, CI_STACK_ID, { config });
    ci.addDependency(stateDr);
    // Every role the pipeline manages carries the boundary its apply role insists on, which the
    // ci stack creates: those stacks come after it.
    const withRoles = requirePermissionsBoundary(
      [primary, dr, primaryK8s, drK8s, global, crossRegion],
      CiStack.roleBoundaryName(config),
    );
    for (const stack of withRoles.keys()) {
      stack.addDependency(ci);
    }
  }
  if (config.teardown) {
    liftProtections(app);
  }
  applyPolicy(app);

  return { statePrimary, stateDr, primary, dr, primaryK8s, drK8s, global, crossRegion };
}
