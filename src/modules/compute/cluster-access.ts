import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { IAM_ROLE_ARN, nameInArn } from "../../validation/aws-identifiers";
import type { PropChecks } from "../../validation/prop-checks";

const CLUSTER_ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const EDIT_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
const VIEW_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
const LABEL = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/**
 * The Kubernetes group deploy roles are put in: the k8s stacks bind it to what an EKS access
 * policy cannot grant (the app chart's TargetGroupBinding, a CRD).
 */
export const APP_DEPLOYERS_GROUP = "titan:app-deployers";

/**
 * The Kubernetes group plan readers are put in: the k8s stacks bind it to what a plan's refresh
 * reads beyond EKS's view policy (the platform releases' Helm secrets, RBAC, StorageClasses).
 */
export const PLAN_READERS_GROUP = "titan:plan-readers";

export interface ClusterAccessProps {
  readonly clusterName: string;
  /** IAM roles (literal ARNs, roles that already exist) granted cluster admin. */
  readonly adminRoleArns: readonly string[];
  /**
   * Roles of the delivery pipeline, keyed by a stable label (e.g. `"codebuild-deploy"`). A record
   * because these ARNs are usually tokens of roles made in the same stack: the label, not a list
   * position, addresses each entry, so adding or removing one never recreates the others.
   */
  readonly deployRoleArns: Readonly<Record<string, string>>;
  /** Namespaces the deploy roles may edit. */
  readonly deployNamespaces: readonly string[];
  /** `"namespace"`: AmazonEKSEditPolicy in deployNamespaces; `"cluster"`: cluster admin. */
  readonly deployAccessScope: "namespace" | "cluster";
  /**
   * Roles that plan the `*-k8s` stacks without approval (the CI plan role), keyed by the role's
   * name: AmazonEKSViewPolicy on the cluster and {@link PLAN_READERS_GROUP}, never admin.
   * @default - none
   */
  readonly planReaderRoleArns?: Readonly<Record<string, string>>;
  /**
   * Admin roles made by another stack (the CI apply role), keyed by the role's name: their ARNs
   * are tokens, so they cannot go in adminRoleArns.
   * @default - none
   */
  readonly pipelineAdminRoleArns?: Readonly<Record<string, string>>;
}

/**
 * EKS access entries: who may call the Kubernetes API, and with which EKS access policy.
 *
 * Admins get AmazonEKSClusterAdminPolicy on the cluster: they run the `*-k8s` stacks, whose helm
 * charts install CRDs, ClusterRoles and webhooks. Deploy roles get AmazonEKSEditPolicy on the
 * app's namespaces only: the pipeline runs `helm upgrade` of the app chart, which creates
 * namespaced objects (Deployment, Service, HPA, PDB), so a compromised build (a malicious commit
 * runs in CodeBuild) cannot reach kube-system or the controllers' IRSA-bound service accounts.
 * That needs the namespace to exist before the first deploy (`helm --create-namespace` creates a
 * cluster-scoped object) and cluster-scoped objects and CRDs to come from the `*-k8s` stacks;
 * `deployAccessScope: "cluster"` is the explicit opt-out when a pipeline must install such charts
 * itself. Namespace-scoped deploy roles are also in {@link APP_DEPLOYERS_GROUP}, which the k8s
 * stacks bind to the app chart's TargetGroupBinding (a CRD) in the app's namespace.
 *
 * Plan readers (the CI plan role, which runs on every push before anyone approves) get
 * AmazonEKSViewPolicy and {@link PLAN_READERS_GROUP}: enough to refresh the k8s stacks' state,
 * nothing that creates, changes or execs, and no secret outside the platform releases' namespaces.
 */
export class ClusterAccess extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    const admins = new Construct(this, "Admins");
    for (const arn of props.adminRoleArns) {
      // Keyed by the role's name, so removing one admin never re-addresses the others.
      const name = String(nameInArn(arn, IAM_ROLE_ARN));
      grant(new Construct(admins, name), props.clusterName, arn, CLUSTER_ADMIN_POLICY_ARN, { type: "cluster" });
    }

    grantPipelineRoles(this, props);

    const deployers = new Construct(this, "Deployers");
    for (const [label, arn] of Object.entries(props.deployRoleArns)) {
      if (props.deployAccessScope === "cluster") {
        grant(new Construct(deployers, label), props.clusterName, arn, CLUSTER_ADMIN_POLICY_ARN, { type: "cluster" });
      } else {
        grant(
          new Construct(deployers, label),
          props.clusterName,
          arn,
          EDIT_POLICY_ARN,
          { type: "namespace", namespaces: [...props.deployNamespaces] },
          [APP_DEPLOYERS_GROUP],
        );
      }
    }
  }
}

/**
 * Checks the access props, as the cluster that owns them (`EksCluster` validates them among its
 * own, so their problems name its props).
 */
export function checkClusterAccess(checks: PropChecks, props: ClusterAccessProps): void {
  const deployLabels = Object.keys(props.deployRoleArns);
  for (const label of deployLabels) {
    checks.require(
      LABEL.test(label),
      "deployRoleArns",
      `key "${label}" must be letters, digits and hyphens (it names the access entry)`,
    );
  }
  checks.require(
    props.deployAccessScope !== "namespace" || deployLabels.length === 0 || props.deployNamespaces.length > 0,
    "deployNamespaces",
    "is empty while deployRoleArns is not; name the namespaces they deploy to",
  );
  const deployArns = new Set(Object.values(props.deployRoleArns));
  // The team workflow's roles have their own entries (the plan role may only read): listed as
  // admins too, EKS would refuse the second entry for the same principal.
  const pipelineNames = new Set([
    ...Object.keys(props.pipelineAdminRoleArns ?? {}),
    ...Object.keys(props.planReaderRoleArns ?? {}),
  ]);
  const adminNames = new Set<string>();
  props.adminRoleArns.forEach((arn, index) => {
    const prop = `adminRoleArns[${index}]`;
    // The role's name becomes a construct id: a reference has none at synth time.
    checks.require(!Token.isUnresolved(arn), prop, "must be a literal ARN of a role that exists, not a reference");
    checks.matches(prop, arn, IAM_ROLE_ARN);
    const name = nameInArn(arn, IAM_ROLE_ARN);
    checks.require(
      name === undefined || !adminNames.has(name),
      prop,
      `names the role "${name}" again; EKS allows one access entry per principal`,
    );
    checks.require(!deployArns.has(arn), prop, `${arn} is a deploy role too; keep it in one of them`);
    checks.require(
      name === undefined || !pipelineNames.has(name),
      prop,
      `names the role "${name}", which the ci config already gives its own access entry (the plan role may only read); remove it`,
    );
    if (name !== undefined) {
      adminNames.add(name);
    }
  });
}

/** The team workflow's roles: the apply role administers, the plan role reads. */
function grantPipelineRoles(scope: Construct, props: ClusterAccessProps): void {
  const pipelineAdmins = Object.entries(props.pipelineAdminRoleArns ?? {});
  const planReaders = Object.entries(props.planReaderRoleArns ?? {});
  if (pipelineAdmins.length > 0) {
    const admins = new Construct(scope, "PipelineAdmins");
    for (const [name, arn] of pipelineAdmins) {
      grant(new Construct(admins, name), props.clusterName, arn, CLUSTER_ADMIN_POLICY_ARN, { type: "cluster" });
    }
  }
  if (planReaders.length > 0) {
    const readers = new Construct(scope, "PlanReaders");
    for (const [name, arn] of planReaders) {
      grant(new Construct(readers, name), props.clusterName, arn, VIEW_POLICY_ARN, { type: "cluster" }, [
        PLAN_READERS_GROUP,
      ]);
    }
  }
}

function grant(
  scope: Construct,
  clusterName: string,
  principalArn: string,
  policyArn: string,
  accessScope: { type: "cluster" } | { type: "namespace"; namespaces: string[] },
  kubernetesGroups?: string[],
): void {
  const entry = new EksAccessEntry(scope, "Entry", { clusterName, principalArn, type: "STANDARD", kubernetesGroups });
  new EksAccessPolicyAssociation(scope, "Policy", {
    clusterName,
    // Read from the entry so the association waits for it.
    principalArn: entry.principalArn,
    policyArn,
    accessScope,
  });
}
