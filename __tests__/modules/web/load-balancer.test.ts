import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Testing } from "cdktf";
import {
  ApplicationLoadBalancer,
  type ApplicationLoadBalancerProps,
  HTTPS_SSL_POLICY,
  type WebRuntime,
} from "../../../src/modules/web/load-balancer";
import { Namer } from "../../../src/naming";

const PROPS: ApplicationLoadBalancerProps = {
  namer: new Namer("titan", "primary"),
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  securityGroupIds: ["sg-alb", "sg-alb-health-checks"],
  certificateArn: "arn:aws:acm:us-east-2:111122223333:certificate/origin",
  accessLogBucketName: "titan-primary-alb-logs",
  accessLogPrefix: "alb",
  appPort: 5000,
  healthCheckPath: "/health",
  originVerify: { name: "X-Origin-Verify", acceptedValues: ["${local.current}", "${local.previous}"] },
  runtime: "eks",
};

type Resources = Record<string, Record<string, unknown>>;

interface Synthesized {
  readonly resource: Record<string, Resources>;
}

function synth(props: Partial<ApplicationLoadBalancerProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ApplicationLoadBalancer(scope, "Alb", { ...PROPS, ...props });
  });
}

function resources(json: string, type: string): Resources {
  return (JSON.parse(json) as Synthesized).resource[type] ?? {};
}

/** The logical name of the one target group with `name`. */
function targetGroupId(json: string, name: string): string {
  const [id] = Object.entries(resources(json, "aws_lb_target_group")).find(([, group]) => group.name === name) ?? [];
  if (id === undefined) {
    throw new Error(`no target group named ${name}`);
  }
  return id;
}

describe("ApplicationLoadBalancer", () => {
  it("is internet-facing in the public subnets, hardened, and logs every request", () => {
    expect(synth()).toHaveResourceWithProperties(Lb, {
      name: "titan-primary-alb",
      load_balancer_type: "application",
      internal: false,
      subnets: ["subnet-a", "subnet-b", "subnet-c"],
      security_groups: ["sg-alb", "sg-alb-health-checks"],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: "strictest",
      enable_deletion_protection: true,
      idle_timeout: 60,
      access_logs: { enabled: true, bucket: "titan-primary-alb-logs", prefix: "alb" },
    });
  });

  it("allows opting out of deletion protection and into defensive desync mitigation by name", () => {
    expect(synth({ deletionProtection: false, desyncMitigationMode: "defensive" })).toHaveResourceWithProperties(Lb, {
      enable_deletion_protection: false,
      desync_mitigation_mode: "defensive",
    });
  });

  it("serves HTTPS with TLS 1.2 and 1.3 only and the regional certificate", () => {
    expect(HTTPS_SSL_POLICY).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    expect(synth()).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: "arn:aws:acm:us-east-2:111122223333:certificate/origin",
    });
  });

  it("has no plain-HTTP listener: only CloudFront and Route 53's HTTPS checks may reach it", () => {
    const listeners = Object.values(resources(synth(), "aws_lb_listener"));
    expect(listeners.map((listener) => listener.port)).toEqual([443]);
  });

  it("refuses with its own 403 any request that did not come through CloudFront", () => {
    expect(synth()).toHaveResourceWithProperties(LbListener, {
      port: 443,
      default_action: [
        {
          type: "fixed-response",
          fixed_response: { status_code: "403", content_type: "text/plain", message_body: "Forbidden" },
        },
      ],
    });
  });

  it("forwards a request carrying a current or previous origin-verify value, first", () => {
    const json = synth();
    const rules = Object.values(resources(json, "aws_lb_listener_rule"));
    const header = rules.find((rule) => rule.priority === 10);
    expect(header).toMatchObject({
      listener_arn: expect.stringMatching(/^\$\{aws_lb_listener\.\w+\.arn\}$/),
      action: [
        {
          type: "forward",
          target_group_arn: `\${aws_lb_target_group.${targetGroupId(json, "titan-primary-app-pods")}.arn}`,
        },
      ],
      condition: [
        { http_header: { http_header_name: "X-Origin-Verify", values: ["${local.current}", "${local.previous}"] } },
      ],
    });
  });

  it("lets GET and HEAD of the health path through without the header, for Route 53's checkers", () => {
    expect(synth()).toHaveResourceWithProperties(LbListenerRule, {
      priority: 20,
      condition: [{ path_pattern: { values: ["/health"] } }, { http_request_method: { values: ["GET", "HEAD"] } }],
    });
    expect(Object.values(resources(synth(), "aws_lb_listener_rule"))).toHaveLength(2);
  });

  it("gives pods an ip target group on the app port with quick health checks and draining", () => {
    expect(synth()).toHaveResourceWithProperties(LbTargetGroup, {
      name: "titan-primary-app-pods",
      target_type: "ip",
      port: 5000,
      protocol: "HTTP",
      vpc_id: "vpc-0123456789abcdef0",
      deregistration_delay: "30",
      health_check: {
        enabled: true,
        path: "/health",
        protocol: "HTTP",
        matcher: "200",
        interval: 10,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 3,
      },
    });
  });

  test.each<[WebRuntime, string[], string]>([
    ["eks", ["titan-primary-app-pods"], "titan-primary-app-pods"],
    ["ec2", ["titan-primary-app-pods", "titan-primary-web-instances"], "titan-primary-web-instances"],
  ])("with the %s runtime, has target groups %p and forwards verified HTTPS to %s", (runtime, groups, active) => {
    const built: ApplicationLoadBalancer[] = [];
    const json = Testing.synthScope((scope) => {
      built.push(new ApplicationLoadBalancer(scope, "Alb", { ...PROPS, runtime }));
    });
    const targetGroups = resources(json, "aws_lb_target_group");
    expect(
      Object.values(targetGroups)
        .map((group) => group.name)
        .sort(),
    ).toEqual(groups);
    const forward = [
      { type: "forward", target_group_arn: `\${aws_lb_target_group.${targetGroupId(json, active)}.arn}` },
    ];
    for (const rule of Object.values(resources(json, "aws_lb_listener_rule"))) {
      expect(rule.action).toEqual(forward);
    }
    expect(built[0].instanceTargetGroup === undefined).toBe(runtime === "eks");
    expect(built[0].activeTargetGroup).toBe(runtime === "eks" ? built[0].podTargetGroup : built[0].instanceTargetGroup);
  });

  it("registers EC2 instances by instance id in the web-instances target group", () => {
    expect(synth({ runtime: "ec2" })).toHaveResourceWithProperties(LbTargetGroup, {
      name: "titan-primary-web-instances",
      target_type: "instance",
      port: 5000,
      health_check: expect.objectContaining({ path: "/health", matcher: "200" }),
    });
  });

  test.each([
    [{ publicSubnetIds: [] }, /publicSubnetIds: must list subnets in at least two AZs, as ALB requires, got 0/],
    [{ publicSubnetIds: ["subnet-a"] }, /at least two AZs, as ALB requires, got 1/],
    [{ healthCheckPath: "health" }, /healthCheckPath: must be a URL path such as \/health.*got "health"/],
    [{ healthCheckPath: "/health*" }, /healthCheckPath: must be a URL path such as \/health.*got "\/health\*"/],
    [{ securityGroupIds: [] }, /securityGroupIds: must list 1 to 5 security groups, as ALB allows, got 0/],
    [
      { originVerify: { name: "X Origin", acceptedValues: ["x"] } },
      /originVerify\.name: must be an HTTP header name of letters, digits and hyphens, at most 40.*got "X Origin"/,
    ],
    [{ appPort: 0 }, /appPort: must be a whole number from 1 to 65535.*got 0/],
    [{ idleTimeoutSeconds: 0 }, /idleTimeoutSeconds: must be a whole number from 1 to 4000 \(ALB's limits\).*got 0/],
    [
      { accessLogPrefix: "/alb/" },
      /accessLogPrefix: must be path segments without a leading or trailing "\/".*got "\/alb\/"/,
    ],
    [{ accessLogPrefix: "logs/AWSLogs" }, /accessLogPrefix: must not contain "AWSLogs"/],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
