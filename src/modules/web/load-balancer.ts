import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { intRange, TCP_PORT, textPattern, URL_PATH } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { ALB_IDLE_TIMEOUT_SECONDS, HEADER_NAME } from "../edge/limits";
import type { Metric } from "../observability/metric";

/** Where the app runs: pods on EKS (seed 003) or the EC2 web tier (seed 000). */
export type WebRuntime = "eks" | "ec2";

/** TLS 1.3 and 1.2 only, the policy AWS recommends for HTTPS listeners that need no legacy clients. */
export const HTTPS_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The header that proves a request came through CloudFront, and the values the listener accepts. */
export interface OriginVerifyHeader {
  /** Header name, e.g. `X-Origin-Verify`. */
  readonly name: string;
  /**
   * The values accepted: the current one CloudFront sends, and during a rotation the previous one.
   * Tokens from a secret, never literals (they would sit in the synthesized JSON).
   */
  readonly acceptedValues: readonly string[];
}

/**
 * The Flask API's requests last well under a second, so 30 s drains every in-flight request while
 * a deploy or instance refresh no longer waits the default 300 s per target.
 */
const DEREGISTRATION_DELAY_SECONDS = 30;

export interface ApplicationLoadBalancerProps {
  readonly namer: Namer;
  readonly vpcId: string;
  /** Public subnets in at least two AZs, as ALB requires. */
  readonly publicSubnetIds: readonly string[];
  /**
   * The ALB's security groups: 1 to 5. Two in titan, because the CloudFront and Route 53
   * health-checker prefix lists together weigh more than one group's rule quota.
   */
  readonly securityGroupIds: readonly string[];
  /** Regional certificate for the HTTPS listener, the validated ARN from `OriginCertificate`. */
  readonly certificateArn: string;
  /** SSE-S3 bucket whose policy lets the region's ELB account write (`AlbAccessLogBucket`). */
  readonly accessLogBucketName: string;
  /** Key prefix of the access logs, without leading or trailing `/`. */
  readonly accessLogPrefix: string;
  /** Port the app listens on in its pods or instances. */
  readonly appPort: number;
  /**
   * Path that answers 200 when the app can serve, e.g. `/health`. The listener lets GET and HEAD
   * requests for it through without the origin-verify header: Route 53 health checkers cannot send
   * custom headers, and they must see the app's health, not a 403.
   */
  readonly healthCheckPath: string;
  /**
   * The header the HTTPS listener requires before it forwards anything but the health path; any
   * other request gets a 403 from the listener itself, so only CloudFront reaches the app.
   */
  readonly originVerify: OriginVerifyHeader;
  /** The runtime whose target group the HTTPS listener forwards to. */
  readonly runtime: WebRuntime;
  /**
   * Refuse to delete the load balancer. Opting out is explicit because deleting it changes its DNS
   * name, which the global stack's failover records and CloudFront origins point at.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * How requests that could desynchronize the ALB and the app are handled.
   * @default "strictest" - only RFC 7230 compliant requests reach the app
   */
  readonly desyncMitigationMode?: "defensive" | "strictest";
  /**
   * Seconds an idle connection stays open. Keep it above CloudFront's origin keep-alive timeout
   * (titan's `edge.cloudFront.originKeepAliveSeconds`), or CloudFront reuses connections the ALB
   * has closed and clients see 502s.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /** The VPC's internet gateway: an internet-facing ALB cannot be created in a VPC without one. */
  readonly internetGatewayDependency?: ITerraformDependable;
  /**
   * The access log bucket's policy: ELB test-writes to the bucket when logging is switched on and
   * fails the create if the policy is not there yet.
   * @default - no ordering beyond the bucket name's own reference
   */
  readonly accessLogPolicyDependency?: ITerraformDependable;
}

/**
 * The region's internet-facing Application Load Balancer: HTTPS with TLS 1.2+ for CloudFront and
 * Route 53 health checkers only, and a target group for each runtime.
 *
 * WHY both target groups: the EKS cluster exists in both runtimes, and the `ip` target group is what
 * the AWS Load Balancer Controller's TargetGroupBinding fills with pod IPs, so the controller never
 * creates load balancers of its own and this ALB's DNS name (which the global stack's failover
 * records and CloudFront point at) stays put; switching `runtime` only moves the listener's
 * default action. Invalid headers are dropped and desync mitigation is strict because the only
 * legitimate clients are CloudFront and Route 53 health checks, which send compliant requests.
 *
 * WHY no port 80: the security groups admit only CloudFront, which reaches origins over HTTPS only,
 * and Route 53's HTTPS health checks, so a plain-HTTP listener would serve nobody. WHY a header on
 * top of the security groups: CloudFront's origin-facing prefix list is every distribution's, not
 * only titan's; the header, a secret only titan's distribution sends, tells them apart.
 */
export class ApplicationLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly dnsName: string;
  readonly zoneId: string;
  /** For CloudWatch metric dimensions (`LoadBalancer`). */
  readonly arnSuffix: string;
  readonly httpsListener: LbListener;
  readonly httpsListenerArn: string;
  /** Forwards requests carrying the origin-verify header. */
  readonly fromCloudFrontRule: LbListenerRule;
  /** Forwards GET and HEAD of the health path, header or not. */
  readonly healthCheckRule: LbListenerRule;
  /** `ip` targets: EKS pods, registered by a TargetGroupBinding. */
  readonly podTargetGroup: LbTargetGroup;
  /** `instance` targets: the EC2 web tier's Auto Scaling group. Only with the `ec2` runtime. */
  readonly instanceTargetGroup?: LbTargetGroup;
  /** The target group the HTTPS listener forwards to. */
  readonly activeTargetGroup: LbTargetGroup;

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    super(scope, id);
    const deletionProtection = props.deletionProtection ?? true;
    const desyncMitigationMode = props.desyncMitigationMode ?? "strictest";
    const idleTimeoutSeconds = props.idleTimeoutSeconds ?? ALB_IDLE_TIMEOUT_SECONDS;
    validate(this, props, idleTimeoutSeconds);
    const { namer } = props;

    const name = namer.name("alb", "loadBalancer");
    const dependsOn = [props.internetGatewayDependency, props.accessLogPolicyDependency].filter(
      (dependency): dependency is ITerraformDependable => dependency !== undefined,
    );
    this.loadBalancer = new Lb(this, "Resource", {
      name,
      loadBalancerType: "application",
      internal: false,
      subnets: [...props.publicSubnetIds],
      securityGroups: [...props.securityGroupIds],
      dropInvalidHeaderFields: true,
      desyncMitigationMode,
      enableDeletionProtection: deletionProtection,
      idleTimeout: idleTimeoutSeconds,
      accessLogs: { enabled: true, bucket: props.accessLogBucketName, prefix: props.accessLogPrefix },
      tags: { Name: name },
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });

    const targetGroup = (targetId: string, component: string, targetType: "ip" | "instance") =>
      new LbTargetGroup(this, targetId, {
        name: namer.name(component, "targetGroup"),
        vpcId: props.vpcId,
        targetType,
        port: props.appPort,
        protocol: "HTTP",
        deregistrationDelay: String(DEREGISTRATION_DELAY_SECONDS),
        // 10 s checks, 2 to pass, 3 to fail: a new target serves after 20 s, and a dead one stops
        // receiving traffic within 30 s, soon enough that Route 53's check of this ALB sees the
        // region as it is, while one slow answer does not pull a target out.
        healthCheck: {
          enabled: true,
          path: props.healthCheckPath,
          protocol: "HTTP",
          matcher: "200",
          interval: 10,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        tags: { Name: namer.name(component, "targetGroup") },
      });
    this.podTargetGroup = targetGroup("PodTargetGroup", "app-pods", "ip");
    this.instanceTargetGroup =
      props.runtime === "ec2" ? targetGroup("InstanceTargetGroup", "web-instances", "instance") : undefined;
    this.activeTargetGroup = this.instanceTargetGroup ?? this.podTargetGroup;

    this.httpsListener = new LbListener(this, "HttpsListener", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: HTTPS_SSL_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [
        {
          type: "fixed-response",
          fixedResponse: { statusCode: "403", contentType: "text/plain", messageBody: "Forbidden" },
        },
      ],
    });
    const forward = [{ type: "forward", targetGroupArn: this.activeTargetGroup.arn }];
    this.fromCloudFrontRule = new LbListenerRule(this, "FromCloudFront", {
      listenerArn: this.httpsListener.arn,
      priority: 10,
      action: forward,
      condition: [
        { httpHeader: { httpHeaderName: props.originVerify.name, values: [...props.originVerify.acceptedValues] } },
      ],
      tags: { Name: namer.name("from-cloudfront") },
    });
    this.healthCheckRule = new LbListenerRule(this, "HealthCheck", {
      listenerArn: this.httpsListener.arn,
      priority: 20,
      action: forward,
      condition: [
        { pathPattern: { values: [props.healthCheckPath] } },
        { httpRequestMethod: { values: ["GET", "HEAD"] } },
      ],
      tags: { Name: namer.name("health-check") },
    });

    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;
    this.arnSuffix = this.loadBalancer.arnSuffix;
    this.httpsListenerArn = this.httpsListener.arn;
  }

  /** A metric of the load balancer (AWS/ApplicationELB, by `LoadBalancer`). */
  metric(metricName: string, stat: string): Metric {
    return loadBalancerMetric({ loadBalancer: this.arnSuffix }, metricName, stat);
  }

  /**
   * A metric of the targets the listener forwards to (the active runtime's target group), such as
   * `HealthyHostCount`, which ALB publishes per load balancer and target group.
   */
  targetMetric(metricName: string, stat: string): Metric {
    return loadBalancerMetric(
      { loadBalancer: this.arnSuffix, targetGroup: this.activeTargetGroup.arnSuffix },
      metricName,
      stat,
    );
  }
}

/**
 * The metrics `ApplicationLoadBalancer.metric` and `targetMetric` give, for a load balancer (and
 * target group) known by their `arn_suffix`.
 */
export function loadBalancerMetric(
  arnSuffixes: { readonly loadBalancer: string; readonly targetGroup?: string },
  metricName: string,
  stat: string,
): Metric {
  return {
    namespace: "AWS/ApplicationELB",
    metricName,
    dimensions: {
      LoadBalancer: arnSuffixes.loadBalancer,
      ...(arnSuffixes.targetGroup === undefined ? {} : { TargetGroup: arnSuffixes.targetGroup }),
    },
    stat,
  };
}

function validate(scope: Construct, props: ApplicationLoadBalancerProps, idleTimeoutSeconds: number): void {
  new PropChecks(scope)
    .require(
      props.securityGroupIds.length >= 1 && props.securityGroupIds.length <= 5,
      "securityGroupIds",
      `must list 1 to 5 security groups, as ALB allows, got ${props.securityGroupIds.length}`,
    )
    .matches("originVerify.name", props.originVerify.name, HEADER_NAME)
    .require(
      props.publicSubnetIds.length >= 2,
      "publicSubnetIds",
      `must list subnets in at least two AZs, as ALB requires, got ${props.publicSubnetIds.length}`,
    )
    // The listener rule matches it as a path pattern, where * and ? are wildcards.
    .matches("healthCheckPath", props.healthCheckPath, URL_PATH)
    .wholeNumber("appPort", props.appPort, TCP_PORT)
    .wholeNumber("idleTimeoutSeconds", idleTimeoutSeconds, intRange(1, 4000, "ALB's limits"))
    // ELB rejects a prefix containing AWSLogs, and a leading or trailing slash doubles it in the key.
    .matches("accessLogPrefix", props.accessLogPrefix, ACCESS_LOG_PREFIX)
    .require(
      !props.accessLogPrefix.includes("AWSLogs"),
      "accessLogPrefix",
      `must not contain "AWSLogs", which ELB adds itself, got "${props.accessLogPrefix}"`,
    )
    .throwIfAny();
}

const ACCESS_LOG_PREFIX = textPattern(
  /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
  'path segments without a leading or trailing "/"',
);
