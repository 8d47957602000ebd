import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { TCP_PORT } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";

export interface TierSecurityGroupsProps {
  readonly namer: Namer;
  readonly vpcId: string;
  /** Port the Flask app listens on in its pods or instances. */
  readonly appPort: number;
  /**
   * CloudFront's origin-facing managed prefix list in this region
   * (`com.amazonaws.global.cloudfront.origin-facing`): the only viewers' path to the ALB.
   */
  readonly cloudFrontPrefixListId: string;
  /**
   * The Route 53 health-checker managed prefix list of this region
   * (`com.amazonaws.<region>.route53-healthchecks`), whose checkers probe the ALB over HTTPS.
   */
  readonly healthCheckerPrefixListId: string;
  /** Aurora PostgreSQL's port. @default 5432 */
  readonly databasePort?: number;
  /** Redis's port. @default 6379 */
  readonly cachePort?: number;
}

type Rule = {
  readonly description: string;
  readonly port: number;
} & ({ readonly cidrIpv4: string } | { readonly peer: SecurityGroup } | { readonly prefixListId: string });

/**
 * One security group per tier, each opened only to the tier in front of it:
 * CloudFront and Route 53 health checkers -> ALB (443) -> app (appPort) -> Aurora (databasePort)
 * and Redis (cachePort).
 *
 * WHY two groups for the ALB: a rule that references a managed prefix list counts as many rules
 * as the list's maximum entries, and CloudFront's origin-facing list weighs 55 and Route 53's
 * health-checker list 25 against the default quota of 60 rules per group. Each list gets its own
 * group (`alb`, `alb-health-checks`), and the ALB wears both. Nothing else may reach it: no port 80,
 * no internet-wide 443.
 *
 * WHY: peers are named by security group rather than CIDR, so a compromised host elsewhere in a
 * subnet gains nothing, and the data tier's groups allow no egress at all. Rules are standalone
 * `aws_vpc_security_group_*_rule` resources (one rule each, with its own description and id),
 * which AWS and the provider recommend over inline blocks; the groups declare no inline rules, so
 * the two styles never fight. Terraform strips the allow-all egress AWS adds to a new group, so a
 * group egresses only where a rule here says.
 */
export class TierSecurityGroups extends Construct {
  readonly alb: SecurityGroup;
  /** The ALB's second group: Route 53 health checkers only. */
  readonly albHealthChecks: SecurityGroup;
  readonly app: SecurityGroup;
  readonly database: SecurityGroup;
  readonly cache: SecurityGroup;
  readonly albId: string;
  readonly albHealthChecksId: string;
  /** Every group the ALB wears. */
  readonly albIds: readonly string[];
  readonly appId: string;
  readonly databaseId: string;
  readonly cacheId: string;

  constructor(scope: Construct, id: string, props: TierSecurityGroupsProps) {
    super(scope, id);
    const databasePort = props.databasePort ?? 5432;
    const cachePort = props.cachePort ?? 6379;
    new PropChecks(this)
      .wholeNumber("appPort", props.appPort, TCP_PORT)
      .wholeNumber("databasePort", databasePort, TCP_PORT)
      .wholeNumber("cachePort", cachePort, TCP_PORT)
      .throwIfAny();
    const { namer } = props;

    const tier = (tierId: string, component: string, description: string) =>
      new TierGroup(this, tierId, { namer, vpcId: props.vpcId, component, description });
    // A group's description is fixed at creation: changing it replaces the group, which the ALB
    // holds on to (the delete fails on the dependency), so each one says exactly what its rules
    // admit and stays that way.
    const alb = tier("Alb", "alb", "Application Load Balancer: HTTPS from CloudFront's origin-facing servers only");
    const albHealthChecks = tier(
      "AlbHealthChecks",
      "alb-health-checks",
      "Application Load Balancer: HTTPS from Route 53 health checkers",
    );
    const app = tier("App", "app", "Birthday app nodes and instances: app port from the load balancer only");
    const database = tier("Database", "database", "Aurora PostgreSQL: database port from the app only");
    const cache = tier("Cache", "cache", "ElastiCache Redis: cache port from the app only");
    this.alb = alb.resource;
    this.albHealthChecks = albHealthChecks.resource;
    this.app = app.resource;
    this.database = database.resource;
    this.cache = cache.resource;

    alb.allowIn("HttpsFromCloudFront", {
      description: "HTTPS from CloudFront's origin-facing servers",
      prefixListId: props.cloudFrontPrefixListId,
      port: 443,
    });
    albHealthChecks.allowIn("HttpsFromRoute53HealthCheckers", {
      description: "HTTPS health checks from Route 53 health checkers",
      prefixListId: props.healthCheckerPrefixListId,
      port: 443,
    });
    alb.allowOut("ToApp", {
      description: "Requests and health checks to the app",
      peer: this.app,
      port: props.appPort,
    });

    app.allowIn("FromAlb", { description: "Requests from the load balancer", peer: this.alb, port: props.appPort });
    app.allowOut("HttpsToInternet", {
      description: "HTTPS to AWS APIs and container registries, through NAT or VPC endpoints",
      cidrIpv4: "0.0.0.0/0",
      port: 443,
    });
    app.allowOut("ToDatabase", { description: "Queries to Aurora", peer: this.database, port: databasePort });
    app.allowOut("ToCache", { description: "Commands to Redis", peer: this.cache, port: cachePort });

    database.allowIn("FromApp", { description: "Queries from the app", peer: this.app, port: databasePort });
    cache.allowIn("FromApp", { description: "Commands from the app", peer: this.app, port: cachePort });

    this.albId = this.alb.id;
    this.albHealthChecksId = this.albHealthChecks.id;
    this.albIds = [this.albId, this.albHealthChecksId];
    this.appId = this.app.id;
    this.databaseId = this.database.id;
    this.cacheId = this.cache.id;
  }
}

interface TierGroupProps {
  readonly namer: Namer;
  readonly vpcId: string;
  readonly component: string;
  readonly description: string;
}

/** A tier's group (`Resource`) with its rules beside it, so `App/FromAlb` reads "app, from the ALB". */
class TierGroup extends Construct {
  readonly resource: SecurityGroup;

  constructor(scope: Construct, id: string, props: TierGroupProps) {
    super(scope, id);
    this.resource = new SecurityGroup(this, "Resource", {
      name: props.namer.name(props.component),
      description: props.description,
      vpcId: props.vpcId,
      // Rules added outside Terraform (the load balancer controller, an incident fix) would
      // otherwise keep groups that reference each other from being deleted.
      revokeRulesOnDelete: true,
      tags: { Name: props.namer.name(props.component) },
    });
  }

  allowIn(id: string, rule: Rule): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, id, this.ruleConfig(rule));
  }

  allowOut(id: string, rule: Rule): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, id, this.ruleConfig(rule));
  }

  private ruleConfig(rule: Rule) {
    return {
      securityGroupId: this.resource.id,
      description: rule.description,
      ipProtocol: "tcp",
      fromPort: rule.port,
      toPort: rule.port,
      ...peerOf(rule),
    };
  }
}

function peerOf(rule: Rule) {
  if ("peer" in rule) {
    return { referencedSecurityGroupId: rule.peer.id };
  }
  return "prefixListId" in rule ? { prefixListId: rule.prefixListId } : { cidrIpv4: rule.cidrIpv4 };
}
