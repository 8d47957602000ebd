import { serializeValues } from "../../../src/modules/k8s/charts/chart";
import { clusterAutoscalerImageTag } from "../../../src/modules/k8s/charts/cluster-autoscaler";
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

const LBC_INPUT = {
  clusterName: "titan-dr-eks",
  region: "us-west-1",
  vpcId: "vpc-0abc",
  replicas: 2,
  roleArn: "arn:aws:iam::111122223333:role/titan-dr-irsa-lb-controller",
};

describe("platform chart values", () => {
  it("are checked by the chart's schema before they are serialized, naming the chart and the path", () => {
    const values = buildLoadBalancerControllerValues({ ...LBC_INPUT, replicas: 0 });
    expect(() => serializeValues(LOAD_BALANCER_CONTROLLER_CHART, loadBalancerControllerValues, values)).toThrow(
      /values for chart aws-load-balancer-controller 3\.5\.0:\n {2}replicaCount: /,
    );
    const mutated = { ...buildLoadBalancerControllerValues(LBC_INPUT), enableServiceMutatorWebhook: true };
    expect(() =>
      serializeValues(LOAD_BALANCER_CONTROLLER_CHART, loadBalancerControllerValues, mutated as never),
    ).toThrow(/enableServiceMutatorWebhook/);
  });

  it("refuse a key the chart does not take, so a typo never passes silently", () => {
    const typo = { ...buildLoadBalancerControllerValues(LBC_INPUT), replicasCount: 2 };
    expect(() => serializeValues(LOAD_BALANCER_CONTROLLER_CHART, loadBalancerControllerValues, typo as never)).toThrow(
      /replicasCount/,
    );
  });

  it("escape the collector's own ${env:...} for Terraform, and nothing else", () => {
    const text = serializeValues(
      TRACE_COLLECTOR_CHART,
      traceCollectorValues,
      buildTraceCollectorValues({ region: "us-west-1", replicas: 1, roleArn: LBC_INPUT.roleArn }),
    );
    expect(text).toContain('"endpoint":"$${env:MY_POD_IP}:4317"');
    expect(text).not.toMatch(/[^$]\$\{env/);
  });

  test.each([
    ["1.32", undefined, "v1.32.0"],
    ["1.33", "v1.33.2", "v1.33.2"],
  ])("give cluster-autoscaler the cluster's minor (%s, %s)", (version, tag, expected) => {
    expect(clusterAutoscalerImageTag(version, tag)).toBe(expected);
  });

  it("refuse an autoscaler of another minor than the cluster's", () => {
    expect(() => clusterAutoscalerImageTag("1.32", "v1.33.0")).toThrow(
      'kubernetes.platform.clusterAutoscaler.imageTag "v1.33.0" does not match kubernetes.version 1.32',
    );
  });
});
