import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Testing } from "cdktf";
import { OriginFailoverRecords, type OriginFailoverRecordsProps } from "../../../src/modules/edge/failover-records";
import { synthScope } from "./synth";

const PROPS: OriginFailoverRecordsProps = {
  hostedZoneId: "Z0123456789EXAMPLE0",
  name: "origin.api.example.com",
  primary: { originName: "primary.origin.api.example.com", healthCheckId: "hc-primary" },
  secondary: { originName: "dr.origin.api.example.com", healthCheckId: "hc-dr" },
};

describe("OriginFailoverRecords", () => {
  it("answers with primary's origin while its check passes, else DR's, each an alias evaluating target health", () => {
    const json = synthScope((scope) => {
      new OriginFailoverRecords(scope, "OriginFailover", PROPS);
    });
    const records = Object.values(json.resource.aws_route53_record).map(({ depends_on: _order, ...record }) => record);
    expect(records).toEqual([
      {
        zone_id: "Z0123456789EXAMPLE0",
        name: "origin.api.example.com",
        type: "A",
        set_identifier: "primary",
        failover_routing_policy: { type: "PRIMARY" },
        health_check_id: "hc-primary",
        alias: { name: "primary.origin.api.example.com", zone_id: "Z0123456789EXAMPLE0", evaluate_target_health: true },
      },
      {
        zone_id: "Z0123456789EXAMPLE0",
        name: "origin.api.example.com",
        type: "A",
        set_identifier: "dr",
        failover_routing_policy: { type: "SECONDARY" },
        health_check_id: "hc-dr",
        alias: { name: "dr.origin.api.example.com", zone_id: "Z0123456789EXAMPLE0", evaluate_target_health: true },
      },
    ]);
  });

  it("keeps each record at a fixed address (Primary, Secondary)", () => {
    const json = Testing.synthScope((scope) => {
      new OriginFailoverRecords(scope, "OriginFailover", PROPS);
    });
    expect(json).toHaveResourceWithProperties(Route53Record, { set_identifier: "primary" });
    expect(Object.keys(JSON.parse(json).resource.aws_route53_record).sort()).toEqual([
      expect.stringMatching(/^OriginFailover_Primary_/),
      expect.stringMatching(/^OriginFailover_Secondary_/),
    ]);
  });

  it("updates SECONDARY only after PRIMARY, so mid-swap both answer with the new PRIMARY target", () => {
    const json = synthScope((scope) => {
      new OriginFailoverRecords(scope, "OriginFailover", PROPS);
    });
    const [primaryId, secondaryId] = Object.keys(json.resource.aws_route53_record);
    expect(json.resource.aws_route53_record[secondaryId].depends_on).toEqual([`aws_route53_record.${primaryId}`]);
    expect(json.resource.aws_route53_record[primaryId].depends_on).toBeUndefined();
  });

  it("refuses both sides aliasing the same origin", () => {
    expect(() =>
      synthScope((scope) => {
        new OriginFailoverRecords(scope, "OriginFailover", {
          ...PROPS,
          secondary: { ...PROPS.secondary, originName: PROPS.primary.originName },
        });
      }),
    ).toThrow(/secondary\.originName: is "primary\.origin\.api\.example\.com", primary's too; give each region's/);
  });
});
