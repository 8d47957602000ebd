import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** The tag the controller puts on every load balancer, target group and security group it creates. */
const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

/**
 * The AWS Load Balancer Controller's permissions, after the upstream `iam_policy.json`
 * (kubernetes-sigs/aws-load-balancer-controller, docs/install, v2.14 era).
 *
 * WHY this shape: the controller does two jobs. TargetGroupBinding registers pod IPs into target
 * groups that already exist (titan's Terraform-managed ALB), which needs the describe calls and
 * Register/DeregisterTargets. Ingress and Service reconciliation creates and deletes whole ALBs,
 * NLBs, target groups and security groups: as upstream, creation requires the request to carry the
 * controller's cluster tag, and modification or deletion requires the resource to carry it, so
 * the controller can only change what it created. Departures from upstream, all narrowing:
 * every ARN names this region and account instead of `*:*`; actions upstream grants on `*` that
 * support resource-level permissions (security-group rules, listeners, rules, WAF association on
 * load balancers) are limited to this region's and account's resources. What stays on `*` are
 * describe/list/get calls that IAM only authorizes on `*`, and the WAF and Shield calls the
 * controller makes on every reconcile while `--enable-waf`, `--enable-wafv2`, `--enable-shield`
 * are on (their defaults).
 */
export function loadBalancerControllerStatements(
  region: string,
  accountId: string,
): DataAwsIamPolicyDocumentStatement[] {
  const elb = `arn:aws:elasticloadbalancing:${region}:${accountId}`;
  const securityGroups = `arn:aws:ec2:${region}:${accountId}:security-group/*`;
  const balancersAndTargetGroups = [
    `${elb}:targetgroup/*/*`,
    `${elb}:loadbalancer/net/*/*`,
    `${elb}:loadbalancer/app/*/*`,
  ];
  const requestTagged = { test: "Null", variable: `aws:RequestTag/${CLUSTER_TAG}`, values: ["false"] };
  const resourceTagged = { test: "Null", variable: `aws:ResourceTag/${CLUSTER_TAG}`, values: ["false"] };
  const requestUntagged = { test: "Null", variable: `aws:RequestTag/${CLUSTER_TAG}`, values: ["true"] };

  return [
    {
      sid: "CreateElbServiceLinkedRole",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: [
        `arn:aws:iam::${accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
      ],
      condition: [
        { test: "StringEquals", variable: "iam:AWSServiceName", values: ["elasticloadbalancing.amazonaws.com"] },
      ],
    },
    {
      // Describe and Get calls: IAM authorizes these on "*" only.
      sid: "Describe",
      actions: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:DescribeRouteTables",
        "ec2:DescribeIpamPools",
        "ec2:DescribeCoipPools",
        "ec2:GetCoipPoolUsage",
        "ec2:GetSecurityGroupsForVpc",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeCapacityReservation",
        "acm:ListCertificates",
        "acm:DescribeCertificate",
        "iam:ListServerCertificates",
        "iam:GetServerCertificate",
        "cognito-idp:DescribeUserPoolClient",
      ],
      resources: ["*"],
    },
    {
      // Called on every reconcile while the controller's WAF and Shield flags are on (default).
      sid: "WebAclAndShield",
      actions: [
        "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL",
        "wafv2:GetWebACLForResource",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState",
        "shield:DescribeProtection",
        "shield:CreateProtection",
        "shield:DeleteProtection",
      ],
      resources: ["*"],
    },
    {
      // Node and pod security groups are not tagged by the controller: it opens them to its ALBs.
      sid: "OpenBackendSecurityGroups",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      resources: [securityGroups],
    },
    {
      sid: "CreateSecurityGroups",
      actions: ["ec2:CreateSecurityGroup"],
      resources: [securityGroups, `arn:aws:ec2:${region}:${accountId}:vpc/*`],
    },
    {
      sid: "TagSecurityGroupsAtCreation",
      actions: ["ec2:CreateTags"],
      resources: [securityGroups],
      condition: [
        { test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] },
        requestTagged,
      ],
    },
    {
      sid: "RetagOwnSecurityGroups",
      actions: ["ec2:CreateTags", "ec2:DeleteTags"],
      resources: [securityGroups],
      condition: [requestUntagged, resourceTagged],
    },
    {
      sid: "ManageOwnSecurityGroups",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      resources: [securityGroups],
      condition: [resourceTagged],
    },
    {
      sid: "CreateTaggedLoadBalancers",
      actions: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      resources: [`${elb}:*`],
      condition: [requestTagged],
    },
    {
      sid: "ManageListenersAndRules",
      actions: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
      ],
      resources: [`${elb}:*`],
    },
    {
      sid: "RetagOwnLoadBalancers",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: balancersAndTargetGroups,
      condition: [requestUntagged, resourceTagged],
    },
    {
      sid: "TagListenersAndRules",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: [
        `${elb}:listener/net/*/*/*`,
        `${elb}:listener/app/*/*/*`,
        `${elb}:listener-rule/net/*/*/*`,
        `${elb}:listener-rule/app/*/*/*`,
      ],
    },
    {
      sid: "ManageOwnLoadBalancers",
      actions: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      resources: [`${elb}:*`],
      condition: [resourceTagged],
    },
    {
      sid: "TagAtCreation",
      actions: ["elasticloadbalancing:AddTags"],
      resources: balancersAndTargetGroups,
      condition: [
        {
          test: "StringEquals",
          variable: "elasticloadbalancing:CreateAction",
          values: ["CreateTargetGroup", "CreateLoadBalancer"],
        },
        requestTagged,
      ],
    },
    {
      // TargetGroupBinding: pods are registered into target groups Terraform created, untagged.
      sid: "RegisterTargets",
      actions: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      resources: [`${elb}:targetgroup/*/*`],
    },
    {
      sid: "ManageListenerSettings",
      actions: [
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      resources: [`${elb}:*`],
    },
  ];
}
