import { Construct } from "constructs";
import { ImageCacheRef } from "../../../src/modules/compute/image-cache-names";
import { serializeValues } from "../../../src/modules/k8s/charts/chart";
import {
  buildLoadBalancerControllerValues,
  LOAD_BALANCER_CONTROLLER_CHART,
  loadBalancerControllerValues,
} from "../../../src/modules/k8s/charts/load-balancer-controller";
import {
  buildTraceCollectorValues,
  TRACE_COLLECTOR_CHART,
  traceCollectorValues,
} from "../../../src/modules/k8s/charts/trace-collector";
import { autoscalerImageTagProblem, defaultAutoscalerImageTag } from "../../../src/modules/k8s/limits";
import { PropChecks } from "../../../src/validation/prop-checks";

const LBC_INPUT = {
  clusterName: "titan-dr-eks",
  region: "us-west-1",
  vpcId: "vpc-0abc",
  replicas: 2,
  roleArn: "arn:aws:iam::111122223333:role/titan-dr-irsa-lb-controller",
  images: new ImageCacheRef("titan", "111122223333.dkr.ecr.us-west-1.amazonaws.com"),
};

/** Serializes `values` for `chart`, throwing the problems the chart's schema finds as one error. */
function serialize<T>(
  chart: Parameters<typeof serializeValues<T>>[2],
  schema: Parameters<typeof serializeValues<T>>[3],
  values: T,
) {
  const checks = new PropChecks(new Construct(undefined as never, "Platform"));
  const text = serializeValues(checks, "settings", chart, schema, values);
  checks.throwIfAny();
  return text;
}

describe("platform chart values", () => {
  it("are checked by the chart's schema before they are serialized, naming the chart and the path", () => {
    const values = buildLoadBalancerControllerValues({ ...LBC_INPUT, replicas: 0 });
    expect(() => serialize(LOAD_BALANCER_CONTROLLER_CHART, loadBalancerControllerValues, values)).toThrow(
      /settings: values for chart aws-load-balancer-controller 3\.5\.0 at replicaCount: /,
    );
    const mutated = { ...buildLoadBalancerControllerValues(LBC_INPUT), enableServiceMutatorWebhook: true };
    expect(() => serialize(LOAD_BALANCER_CONTROLLER_CHART, loadBalancerControllerValues, mutated as never)).toThrow(
      /enableServiceMutatorWebhook/,
    );
  });

  it("refuse a key the chart does not take, so a typo never passes silently", () => {
    const typo = { ...buildLoadBalancerControllerValues(LBC_INPUT), replicasCount: 2 };
    expect(() => serialize(LOAD_BALANCER_CONTROLLER_CHART, loadBalancerControllerValues, typo as never)).toThrow(
      /replicasCount/,
    );
  });

  it("escape the collector's own ${env:...} for Terraform, and nothing else", () => {
    const text = serialize(
      TRACE_COLLECTOR_CHART,
      traceCollectorValues,
      buildTraceCollectorValues({ region: "us-west-1", replicas: 1, roleArn: LBC_INPUT.roleArn }),
    );
    expect(text).toContain('"endpoint":"$${env:MY_POD_IP}:4317"');
    expect(text).not.toMatch(/[^$]\$\{env/);
  });

  it("give cluster-autoscaler the cluster's minor, first patch, unless a tag of that minor is configured", () => {
    expect(defaultAutoscalerImageTag("1.35")).toBe("v1.35.0");
    expect(autoscalerImageTagProblem("1.33", "v1.33.2")).toBeUndefined();
  });

  it("refuse an autoscaler of another minor than the cluster's", () => {
    expect(autoscalerImageTagProblem("1.32", "v1.33.0")).toBe(
      '"v1.33.0" does not match kubernetes.version 1.32; use v1.32.<patch>',
    );
  });
});
