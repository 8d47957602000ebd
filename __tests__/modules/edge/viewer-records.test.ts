import { ViewerRecords } from "../../../src/modules/edge/viewer-records";
import { synthScope } from "./synth";

describe("ViewerRecords", () => {
  it("aliases the API's name to the distribution for A and AAAA, without target health (CloudFront refuses it)", () => {
    const json = synthScope((scope) => {
      new ViewerRecords(scope, "ViewerRecords", {
        hostedZoneId: "Z0123456789EXAMPLE0",
        name: "api.example.com",
        distributionDomainName: "d111111abcdef8.cloudfront.net",
        distributionZoneId: "Z2FDTNDATAQYW2",
      });
    });
    const alias = { name: "d111111abcdef8.cloudfront.net", zone_id: "Z2FDTNDATAQYW2", evaluate_target_health: false };
    expect(Object.values(json.resource.aws_route53_record)).toEqual([
      { zone_id: "Z0123456789EXAMPLE0", name: "api.example.com", type: "A", alias },
      { zone_id: "Z0123456789EXAMPLE0", name: "api.example.com", type: "AAAA", alias },
    ]);
  });
});
