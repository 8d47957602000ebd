import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import type { AlarmMetric } from "../observability/alarms";
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
    validate(props);
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
  statusMetric(): AlarmMetric {
    return {
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: this.healthCheckId },
      stat: "Minimum",
    };
  }
}

function validate(props: OriginHealthCheckProps): void {
  const fail = (message: string) => {
    throw new Error(`OriginHealthCheck ${props.fqdn}: ${message}`);
  };
  if (!(HEALTH_CHECK_INTERVALS_SECONDS as readonly number[]).includes(props.requestIntervalSeconds)) {
    fail(`requestIntervalSeconds must be 10 or 30, the intervals Route 53 offers, got ${props.requestIntervalSeconds}`);
  }
  const { min, max } = HEALTH_CHECK_FAILURE_THRESHOLD;
  if (!Number.isInteger(props.failureThreshold) || props.failureThreshold < min || props.failureThreshold > max) {
    fail(`failureThreshold must be a whole number from ${min} to ${max}, got ${props.failureThreshold}`);
  }
  const unknown = props.regions.filter(
    (region) => !(ROUTE53_HEALTH_CHECKER_REGIONS as readonly string[]).includes(region),
  );
  if (unknown.length > 0) {
    fail(
      `regions holds ${JSON.stringify(unknown)}, where Route 53 has no health checkers; choose from ${ROUTE53_HEALTH_CHECKER_REGIONS.join(", ")}`,
    );
  }
  if (new Set(props.regions).size < MIN_HEALTH_CHECKER_REGIONS) {
    fail(
      `regions must name at least ${MIN_HEALTH_CHECKER_REGIONS} different checker regions, as Route 53 requires, got ${JSON.stringify(props.regions)}`,
    );
  }
  if (new Set(props.regions).size !== props.regions.length) {
    fail(`regions repeats a region, got ${JSON.stringify(props.regions)}; list each once`);
  }
  if (!/^\/[A-Za-z0-9/_.-]*$/.test(props.resourcePath)) {
    fail(`resourcePath must be a URL path such as /health, got "${props.resourcePath}"`);
  }
}
