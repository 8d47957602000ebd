import { DataAwsAutoscalingGroup } from "@cdktf/provider-aws/lib/data-aws-autoscaling-group";
import { DataAwsAutoscalingGroups } from "@cdktf/provider-aws/lib/data-aws-autoscaling-groups";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { PropChecks } from "../../validation/prop-checks";
import { terraformExpression } from "../terraform/expression";

export interface LiveDesiredSizeProps {
  /**
   * The cluster's name as a literal (`EksCluster.clusterNameFor`), not a reference: a lookup that
   * depended on the cluster resource would be deferred to apply whenever the cluster has changes.
   */
  readonly clusterName: string;
  /** The managed node group's name. */
  readonly nodeGroupName: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** The size a new group starts at (the group does not exist yet, so there is nothing to keep). */
  readonly initialSize: number;
}

/**
 * The `desired_size` a managed node group should be sent: the size it runs at now, raised to
 * `minSize` or lowered to `maxSize` when the configured range moved past it.
 *
 * WHY: the cluster autoscaler owns the desired size, so Terraform must not reset it, but ignoring it
 * (`ignore_changes`, the usual answer) makes the provider send the stale value from state with a
 * new minimum, which EKS rejects ("Minimum capacity 2 can't be greater than desired size 1"): the DR
 * node group could never be scaled up by config during a failover. Here the plan reads the group's
 * live size from its Auto Scaling group (EKS tags it `eks:cluster-name` and `eks:nodegroup-name`),
 * so in steady state the planned value is the autoscaler's and the plan is empty, and a raised
 * minimum raises it in the same request. Before the group exists the lookup finds nothing and the
 * group starts at `initialSize`. Whoever plans needs `autoscaling:DescribeAutoScalingGroups`.
 */
export class LiveDesiredSize extends Construct {
  /** A number token for `scaling_config.desired_size`. */
  readonly value: number;

  constructor(scope: Construct, id: string, props: LiveDesiredSizeProps) {
    super(scope, id);
    // A reference would defer the lookup to apply, when the plan has already sent its size.
    const literal = "must be a literal name, not a reference: the lookup runs at plan time";
    new PropChecks(this)
      .require(!Token.isUnresolved(props.clusterName), "clusterName", `${literal}, got "${props.clusterName}"`)
      .require(!Token.isUnresolved(props.nodeGroupName), "nodeGroupName", `${literal}, got "${props.nodeGroupName}"`)
      .throwIfAny();
    const groups = new DataAwsAutoscalingGroups(this, "Groups", {
      filter: [
        { name: "tag:eks:cluster-name", values: [props.clusterName] },
        { name: "tag:eks:nodegroup-name", values: [props.nodeGroupName] },
      ],
    });
    const current = new DataAwsAutoscalingGroup(this, "Current", {
      count: Token.asNumber(Fn.lengthOf(groups.names)),
      name: Fn.element(groups.names, 0),
    });
    const live = `try(data.${current.terraformResourceType}.${current.friendlyUniqueId}[0].desired_capacity, ${props.initialSize})`;
    this.value = Token.asNumber(terraformExpression(`max(${props.minSize}, min(${props.maxSize}, ${live}))`));
  }
}
