/** The other region grown from its warm-standby size to the active one. */
import { STACK_NAMES } from "../../../app";
import type { RegionRole } from "../../../config";
import { AWS_DOCS } from "../aws-facts";
import { numberAt, oneResource } from "../synthesized";
import { configSource, docSource, synthSource, type Term } from "../terms";
import { assumedTerm, type BudgetInput, block } from "./input";

/** Until a new target of `to`'s load balancer passes its health check. */
export function targetHealthTerm(input: BudgetInput, to: RegionRole): Term {
  const targetType = input.config.web.runtime === "eks" ? "ip" : "instance";
  const group = oneResource(
    input.stacks,
    STACK_NAMES[to],
    "aws_lb_target_group",
    `the ${targetType} target group the app serves from`,
    (candidate) => candidate.attributes.target_type === targetType,
  );
  const check = block(group.attributes.health_check);
  const healthy = numberAt(group, "health_check.healthy_threshold", check.healthy_threshold);
  const interval = numberAt(group, "health_check.interval", check.interval);
  return {
    id: "target-health",
    label: "the load balancer sends new targets traffic",
    seconds: healthy * interval,
    formula: `${healthy} healthy checks x ${interval} s`,
    sources: [
      synthSource(group, "health_check.healthy_threshold"),
      synthSource(group, "health_check.interval"),
      docSource(AWS_DOCS.targetHealth),
    ],
  };
}

/**
 * `to` grows from its warm-standby size to the active one: the runbook raises the zones' node groups (or the
 * web tier's group) to the active size, new capacity boots, pods start, the load balancer admits them.
 */
export function scaleOutTerms(input: BudgetInput, to: RegionRole): Term[] {
  const { config } = input;
  const terms: Term[] = [];
  if (config.web.runtime === "eks") {
    const { active, standby } = config.kubernetes.nodes;
    if (active.min > standby.min) {
      terms.push({
        ...assumedTerm(
          config,
          "nodeReadySeconds",
          "nodes",
          `the node groups in ${to} (one per zone, booting side by side) grow from ${standby.min} to ${active.min} nodes in all`,
          "EC2 launch and node bootstrap times are not published; measure them in a game day",
        ),
        sources: [
          configSource("dr.assumptions.nodeReadySeconds"),
          configSource("kubernetes.nodes.standby.min"),
          configSource("kubernetes.nodes.active.min"),
        ],
      });
    }
    terms.push(
      assumedTerm(
        config,
        "podReadySeconds",
        "pods",
        "app pods are scheduled, pull their image and become ready",
        "pod start-up depends on the image and the app; measure it in a game day",
      ),
    );
  } else if (config.web.instances.active > config.web.instances.standby) {
    terms.push({
      ...assumedTerm(
        config,
        "instanceReadySeconds",
        "instances",
        `the web tier in ${to} grows from ${config.web.instances.standby} to ${config.web.instances.active} instances`,
        "EC2 launch and boot times are not published; measure them in a game day",
      ),
      sources: [
        configSource("dr.assumptions.instanceReadySeconds"),
        configSource("web.instances.standby"),
        configSource("web.instances.active"),
      ],
    });
  }
  if (terms.length > 0) {
    terms.push(targetHealthTerm(input, to));
  }
  return terms;
}
