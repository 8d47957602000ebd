import { XrayGroup } from "@cdktf/provider-aws/lib/xray-group";
import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { intRange } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";

export interface TracingProps {
  readonly namer: Namer;
  /**
   * The service name the app's X-Ray SDK or collector reports (e.g. `birthday-app`); `*` and `?`
   * match any characters. The group and the sampling rule select traces by it.
   */
  readonly serviceName: string;
  /** Share of requests traced beyond the reservoir, 0 to 1. @default 0.05 - 5% */
  readonly samplingFixedRate?: number;
  /** Requests per second traced before the fixed rate applies, so quiet hours still get traces. @default 1 */
  readonly samplingReservoirPerSecond?: number;
  /** Rule precedence, 1 (first) to 9999; X-Ray's built-in default rule comes last (10000). @default 1000 */
  readonly samplingPriority?: number;
}

/** X-Ray's limit on a sampling rule's service name. */
const SERVICE_NAME_MAX_LENGTH = 64;

/**
 * The app's X-Ray group, with Insights on, and its sampling rule, in one region.
 *
 * Why a group: Insights (anomaly detection on faults and latency) and group-level metrics work
 * per group, and the filter keeps them to the app's traces. Why a rule of our own: X-Ray's default
 * rule traces one request per second and 5% beyond; a named rule makes that choice visible and
 * tunable per region. Both are regional, so the DR region gets its own.
 */
export class Tracing extends Construct {
  readonly group: XrayGroup;
  readonly samplingRule: XraySamplingRule;
  readonly groupArn: string;

  constructor(scope: Construct, id: string, props: TracingProps) {
    super(scope, id);
    const fixedRate = props.samplingFixedRate ?? 0.05;
    const reservoir = props.samplingReservoirPerSecond ?? 1;
    const priority = props.samplingPriority ?? 1000;
    validate(this, props, fixedRate, reservoir, priority);

    this.group = new XrayGroup(this, "Resource", {
      groupName: props.namer.name("app", "xrayGroup"),
      filterExpression: `service("${props.serviceName}")`,
      // Notifications go to EventBridge, where nothing consumes them yet; Insights itself is in the console.
      insightsConfiguration: { insightsEnabled: true, notificationsEnabled: false },
    });
    this.groupArn = this.group.arn;

    this.samplingRule = new XraySamplingRule(this, "SamplingRule", {
      ruleName: props.namer.name("app", "xraySamplingRule"),
      priority,
      fixedRate,
      reservoirSize: reservoir,
      serviceName: props.serviceName,
      // X-Ray requires every match field; "*" keeps the rule to the service alone.
      serviceType: "*",
      host: "*",
      httpMethod: "*",
      urlPath: "*",
      resourceArn: "*",
      version: 1,
    });
  }
}

function validate(scope: Construct, props: TracingProps, fixedRate: number, reservoir: number, priority: number): void {
  const { serviceName } = props;
  new PropChecks(scope)
    .require(
      Token.isUnresolved(serviceName) ||
        (serviceName !== "" && serviceName.length <= SERVICE_NAME_MAX_LENGTH && !/["\\]/.test(serviceName)),
      "serviceName",
      () =>
        `must be 1 to ${SERVICE_NAME_MAX_LENGTH} characters without quotes or backslashes (it goes into a filter expression), got ${JSON.stringify(serviceName)}`,
    )
    .require(
      Token.isUnresolved(fixedRate) || (fixedRate >= 0 && fixedRate <= 1),
      "samplingFixedRate",
      `must be a share from 0 to 1 (0.05 is 5%), got ${fixedRate}`,
    )
    .wholeNumber("samplingReservoirPerSecond", reservoir, intRange(0, Number.MAX_SAFE_INTEGER))
    .wholeNumber("samplingPriority", priority, intRange(1, 9999, "X-Ray's limits"))
    .throwIfAny();
}
