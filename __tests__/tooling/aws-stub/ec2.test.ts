import { decodeRequest, type StubInventory } from "../../../src/tooling/aws-stub/protocol";
import { routeRequest, STUB_SERVICES } from "../../../src/tooling/aws-stub/server";

const INVENTORY: StubInventory = { kmsAliases: [], connectionNames: [], secretNames: [], autoScalingGroups: [] };

/** A request as the aws provider's EC2 client signs and encodes it. */
function ec2Request(region: string, body: string) {
  return decodeRequest({
    method: "POST",
    path: "/",
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAOFFLINESTUB00000/20250101/${region}/ec2/aws4_request, SignedHeaders=host`,
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    },
    body,
  });
}

function zoneItems(body: string): string[] {
  return [...body.matchAll(/<item>.*?<zoneId>([^<]+)<\/zoneId>.*?<\/item>/g)].map((match) => match[1]);
}

describe("the stub's EC2 DescribeAvailabilityZones", () => {
  it("answers an AZ ID lookup in EC2's dialect: no Result wrapper, the zone available, a name in this account", () => {
    const request = ec2Request(
      "us-west-1",
      "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneId.1=usw1-az3&Filter.1.Name=state&Filter.1.Value.1=available",
    );
    const { response, handled } = routeRequest(STUB_SERVICES, INVENTORY, request);
    expect(handled).toBe(true);
    expect(response.body).toMatch(
      /^<DescribeAvailabilityZonesResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>/,
    );
    expect(response.body).not.toContain("DescribeAvailabilityZonesResult");
    expect(zoneItems(response.body)).toEqual(["usw1-az3"]);
    expect(response.body).toContain("<zoneName>us-west-1c</zoneName><zoneId>usw1-az3</zoneId>");
    expect(response.body).toContain("<zoneState>available</zoneState>");
  });

  it("finds no zone for an AZ ID of another region, so the data source fails the plan as AWS would", () => {
    const request = ec2Request("us-west-1", "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneId.1=use2-az1");
    expect(zoneItems(routeRequest(STUB_SERVICES, INVENTORY, request).response.body)).toEqual([]);
  });

  it("lists the region's zones when asked for all of them", () => {
    const request = ec2Request("us-east-2", "Action=DescribeAvailabilityZones&Version=2016-11-15");
    expect(zoneItems(routeRequest(STUB_SERVICES, INVENTORY, request).response.body)).toHaveLength(6);
  });

  it("refuses an operation it does not know with an EC2-shaped error", () => {
    const request = ec2Request("us-east-2", "Action=RunInstances&Version=2016-11-15");
    const { response, handled } = routeRequest(STUB_SERVICES, INVENTORY, request);
    expect(handled).toBe(false);
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/^<Response><Errors><Error><Code>OfflineStubUnhandledCall<\/Code>/);
  });
});
