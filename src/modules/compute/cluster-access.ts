import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Token } from "cdktf";
import { Construct } from "constructs";

const CLUSTER_ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const EDIT_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/(.+\/)?([\w+=,.@-]{1,64})$/;
const LABEL = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/**
 * The Kubernetes group deploy roles are put in: the k8s stacks bind it to what an EKS access
 * policy cannot grant (the app chart's TargetGroupBinding, a CRD).
 */
export const APP_DEPLOYERS_GROUP = "titan:app-deployers";

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
 */
export class ClusterAccess extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    const deployLabels = Object.keys(props.deployRoleArns);
    for (const label of deployLabels) {
      if (!LABEL.test(label)) {
        throw new Error(
          `EksCluster: deployRoleArns key "${label}" must be letters, digits and hyphens (it names the entry)`,
        );
      }
    }
    if (props.deployAccessScope === "namespace" && deployLabels.length > 0 && props.deployNamespaces.length === 0) {
      throw new Error(
        "EksCluster: deployNamespaces is empty while deployRoleArns is not; name the namespaces they deploy to",
      );
    }
    const deployArns = new Set(Object.values(props.deployRoleArns));

    const admins = new Construct(this, "Admins");
    const adminNames = new Set<string>();
    for (const arn of props.adminRoleArns) {
      const name = adminRoleName(arn);
      if (adminNames.has(name)) {
        throw new Error(
          `EksCluster: adminRoleArns lists the role "${name}" twice; EKS allows one access entry per principal`,
        );
      }
      if (deployArns.has(arn)) {
        throw new Error(`EksCluster: ${arn} is in both adminRoleArns and deployRoleArns; keep it in one of them`);
      }
      adminNames.add(name);
      // Keyed by the role's name, so removing one admin never re-addresses the others.
      grant(new Construct(admins, name), props.clusterName, arn, CLUSTER_ADMIN_POLICY_ARN, { type: "cluster" });
    }

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

function adminRoleName(arn: string): string {
  const match = Token.isUnresolved(arn) ? null : ROLE_ARN.exec(arn);
  if (!match) {
    throw new Error(
      `EksCluster: adminRoleArns entries must be literal IAM role ARNs (arn:aws:iam::<account>:role/<name>), got "${arn}"`,
    );
  }
  return match[2];
}
