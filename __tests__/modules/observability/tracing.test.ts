import { XrayGroup } from "@cdktf/provider-aws/lib/xray-group";
import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Testing } from "cdktf";
import { Tracing, type TracingProps } from "../../../src/modules/observability/tracing";
import { Namer } from "../../../src/naming";
import { ConstructValidationError } from "../../support/construct-errors";

function synth(props: Partial<TracingProps> = {}): string {
  return Testing.synthScope((scope) => {
    new Tracing(scope, "Tracing", { namer: new Namer("titan", "primary"), serviceName: "birthday-app", ...props });
  });
}

describe("Tracing", () => {
  it("groups the app's traces by service name, with Insights on", () => {
    expect(synth()).toHaveResourceWithProperties(XrayGroup, {
      group_name: "titan-primary-app",
      filter_expression: 'service("birthday-app")',
      insights_configuration: { insights_enabled: true, notifications_enabled: false },
    });
  });

  it("samples the app at 5% beyond one request a second, matching every other field", () => {
    expect(synth()).toHaveResourceWithProperties(XraySamplingRule, {
      rule_name: "titan-primary-app",
      priority: 1000,
      fixed_rate: 0.05,
      reservoir_size: 1,
      service_name: "birthday-app",
      service_type: "*",
      host: "*",
      http_method: "*",
      url_path: "*",
      resource_arn: "*",
      version: 1,
    });
  });

  it("takes the sampling it is given", () => {
    expect(
      synth({
        serviceName: "*app-service*",
        samplingFixedRate: 0.5,
        samplingReservoirPerSecond: 0,
        samplingPriority: 1,
      }),
    ).toHaveResourceWithProperties(XraySamplingRule, {
      service_name: "*app-service*",
      fixed_rate: 0.5,
      reservoir_size: 0,
      priority: 1,
    });
  });

  it("keeps names within X-Ray's 32 characters for a long project name", () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new Tracing(scope, "Tracing", {
          namer: new Namer("birthday-platform", "primary"),
          serviceName: "birthday-app",
        });
      }),
    );
    const group = Object.values(json.resource.aws_xray_group as Record<string, { group_name: string }>)[0];
    const rule = Object.values(json.resource.aws_xray_sampling_rule as Record<string, { rule_name: string }>)[0];
    expect(group.group_name.length).toBeLessThanOrEqual(32);
    expect(rule.rule_name.length).toBeLessThanOrEqual(32);
  });

  test.each([
    [{ serviceName: "" }, /serviceName: must be 1 to 64 characters/],
    [{ serviceName: 'app") OR service("x' }, /serviceName: must be 1 to 64 characters without quotes/],
    [{ serviceName: "a".repeat(65) }, /serviceName: must be 1 to 64 characters/],
    [{ samplingFixedRate: 5 }, /samplingFixedRate: must be a share from 0 to 1 \(0.05 is 5%\), got 5/],
    [{ samplingFixedRate: -0.1 }, /samplingFixedRate: must be a share from 0 to 1/],
    [{ samplingReservoirPerSecond: 1.5 }, /samplingReservoirPerSecond: must be a whole number of 0 or more.*got 1\.5/],
    [{ samplingPriority: 0 }, /samplingPriority: must be a whole number from 1 to 9999 \(X-Ray's limits\).*got 0/],
    [
      { samplingPriority: 10000 },
      /samplingPriority: must be a whole number from 1 to 9999 \(X-Ray's limits\).*got 10000/,
    ],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => synth(props)).toThrow(ConstructValidationError);
    expect(() => synth(props)).toThrow(message);
  });
});
