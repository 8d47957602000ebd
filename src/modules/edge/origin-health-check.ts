import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { URL_PATH } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import type { Metric } from "../observability/metric";
import {
  HEALTH_CHECK_FAILURE_THRESHOLD,
  HEALTH_CHECK_INTERVALS_SECONDS,
  MIN_HEALTH_CHECKER_REGIONS,
  ROUTE53_HEALTH_CHECKER_REGIONS,
} from "./limits";

export interface OriginHealthCheckProps {
  readonly namer: Namer;
  /** Name component of the health check's `Name` tag, e.g. `primary-origin`. */
  readonly component: string;
  /** The region's own origin name, `<role>.origin.<apiHostname>`, which its ALB certificate covers. */
  readonly fqdn: string;
  /** The app's health path, which the ALB lets through without the origin-verify header. */
  readonly resourcePath: string;
  /** 10 or 30. */
  readonly requestIntervalSeconds: number;
  /** 1 to 10. */
  readonly failureThreshold: number;
  /** At least three Route 53 health-checker regions. */
  readonly regions: readonly string[];
}

/**
 * A Route 53 health check of one region's origin: HTTPS to `<role>.origin.<apiHostname>` on the
 * app's health path, as a viewer would reach it.
 *
 * WHY HTTPS with SNI: the ALB listens on 443 only and presents the certificate whose names include
 * the region's own origin name; without SNI the handshake fails. WHY latency is measured: the
 * console graphs of per-region latency are what tell a slow origin from a dead one in an incident
 * (it cannot be switched on later: Route 53 fixes it at creation, like the interval). The check
 * goes through the ALB to the app's health path, so it fails when the app does, not only when the
 * load balancer does.
 */
export class OriginHealthCheck extends Construct {
  readonly healthCheck: Route53HealthCheck;
  readonly healthCheckId: string;

  constructor(scope: Construct, id: string, props: OriginHealthCheckProps) {
    super(scope, id);
    validate(this, props);
    const name = props.namer.name(props.component);
    this.healthCheck = new Route53HealthCheck(this, "Resource", {
      type: "HTTPS",
      fqdn: props.fqdn,
      port: 443,
      resourcePath: props.resourcePath,
      enableSni: true,
      requestInterval: props.requestIntervalSeconds,
      failureThreshold: props.failureThreshold,
      regions: [...props.regions],
      measureLatency: true,
      tags: { Name: name },
    });
    this.healthCheckId = this.healthCheck.id;
  }

  /** `HealthCheckStatus`: 1 healthy, 0 unhealthy, published in us-east-1 only. */
  statusMetric(): Metric {
    return {
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: this.healthCheckId },
      stat: "Minimum",
    };
  }
}

function validate(scope: Construct, props: OriginHealthCheckProps): void {
  const distinct = new Set(props.regions).size;
  new PropChecks(scope)
    .oneOf("requestIntervalSeconds", props.requestIntervalSeconds, HEALTH_CHECK_INTERVALS_SECONDS)
    .wholeNumber("failureThreshold", props.failureThreshold, HEALTH_CHECK_FAILURE_THRESHOLD)
    .require(
      props.regions.every((region) => (ROUTE53_HEALTH_CHECKER_REGIONS as readonly string[]).includes(region)),
      "regions",
      () =>
        `holds a region where Route 53 has no health checkers, got ${JSON.stringify(props.regions)}; choose from ${ROUTE53_HEALTH_CHECKER_REGIONS.join(", ")}`,
    )
    .require(
      distinct >= MIN_HEALTH_CHECKER_REGIONS,
      "regions",
      () =>
        `must name at least ${MIN_HEALTH_CHECKER_REGIONS} different checker regions, as Route 53 requires, got ${JSON.stringify(props.regions)}`,
    )
    .require(
      distinct === props.regions.length,
      "regions",
      () => `repeats a region, got ${JSON.stringify(props.regions)}; list each once`,
    )
    .matches("resourcePath", props.resourcePath, URL_PATH)
    .throwIfAny();
}
