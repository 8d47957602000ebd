import { originHostname, regionalOriginHostname } from "../../../src/modules/edge/origin-names";
import { RegionalOriginRecord } from "../../../src/modules/edge/regional-origin-record";
import { one, synthScope } from "./synth";

describe("origin names", () => {
  it("derive the failover name and each region's own name from the API's name", () => {
    expect(originHostname("api.example.com")).toBe("origin.api.example.com");
    expect(regionalOriginHostname("primary", "api.example.com")).toBe("primary.origin.api.example.com");
    expect(regionalOriginHostname("dr", "api.example.com")).toBe("dr.origin.api.example.com");
  });
});

describe("RegionalOriginRecord", () => {
  it("aliases the region's own origin name to its ALB, evaluating the ALB's target health", () => {
    const json = synthScope((scope) => {
      new RegionalOriginRecord(scope, "OriginRecord", {
        hostedZoneId: "Z0123456789EXAMPLE0",
        name: "dr.origin.api.example.com",
        loadBalancerDnsName: "titan-dr-alb-123.us-west-1.elb.amazonaws.com",
        loadBalancerZoneId: "Z368ELLRRE2KJ0",
      });
    });
    expect(one(json, "aws_route53_record")).toEqual({
      zone_id: "Z0123456789EXAMPLE0",
      name: "dr.origin.api.example.com",
      type: "A",
      alias: {
        name: "titan-dr-alb-123.us-west-1.elb.amazonaws.com",
        zone_id: "Z368ELLRRE2KJ0",
        evaluate_target_health: true,
      },
    });
  });
});
