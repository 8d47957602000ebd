import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Testing } from "cdktf";
import { VpcEndpoints, type VpcEndpointsProps } from "../../../src/modules/network/endpoints";
import { Namer } from "../../../src/naming";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const SUBNETS = ["subnet-a", "subnet-b", "subnet-c"];
const ROUTE_TABLES = ["rtb-private-a", "rtb-private-b", "rtb-private-c", "rtb-data"];

function synth(props: Partial<VpcEndpointsProps> = {}): string {
  return Testing.synthScope((scope) => {
    new VpcEndpoints(scope, "Endpoints", {
      namer: new Namer("titan", "primary"),
      vpcId: "vpc-123",
      vpcCidr: "10.0.0.0/16",
      region: "us-east-2",
      subnetIds: SUBNETS,
      routeTableIds: ROUTE_TABLES,
      ...props,
    });
  });
}

describe("VpcEndpoints", () => {
  const json = synth();
  const resources: Resources = JSON.parse(json).resource;

  test.each([
    ["EcrApi", "ecr.api"],
    ["EcrDkr", "ecr.dkr"],
    ["Sts", "sts"],
    ["SecretsManager", "secretsmanager"],
    ["Logs", "logs"],
  ])("reaches %s through an interface endpoint with private DNS in the private subnets", (id, service) => {
    const [name, endpoint] = Object.entries(resources.aws_vpc_endpoint).find(
      ([, candidate]) => candidate.service_name === `com.amazonaws.us-east-2.${service}`,
    ) ?? ["", {}];
    expect(name).toMatch(new RegExp(`^Endpoints_${id}_[0-9A-F]{8}$`));
    expect(endpoint).toEqual(
      expect.objectContaining({
        vpc_endpoint_type: "Interface",
        private_dns_enabled: true,
        subnet_ids: SUBNETS,
        security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\.Endpoints_SecurityGroup_/)],
      }),
    );
  });

  it("creates exactly five interface endpoints and the S3 gateway", () => {
    const types = Object.values(resources.aws_vpc_endpoint).map((endpoint) => endpoint.vpc_endpoint_type);
    expect(types.sort()).toEqual(["Gateway", "Interface", "Interface", "Interface", "Interface", "Interface"]);
  });

  it("attaches the S3 gateway endpoint to the given route tables", () => {
    expect(json).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: "com.amazonaws.us-east-2.s3",
      vpc_endpoint_type: "Gateway",
      route_table_ids: ROUTE_TABLES,
    });
  });

  it("admits only HTTPS from the VPC's CIDR to the endpoints, with a description", () => {
    expect(json).toHaveResourceWithProperties(SecurityGroup, {
      name: "titan-primary-vpc-endpoints",
      vpc_id: "vpc-123",
      description: expect.any(String),
    });
    expect(Object.values(resources.aws_vpc_security_group_ingress_rule)).toEqual([
      expect.objectContaining({
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.0.0.0/16",
        description: expect.stringMatching(/\S/),
      }),
    ]);
    expect(resources.aws_vpc_security_group_egress_rule).toBeUndefined();
    expect(Object.values(resources.aws_security_group)[0]).not.toHaveProperty("ingress");
  });

  it("names service endpoints for the region it is given", () => {
    const dr: Resources = JSON.parse(synth({ region: "us-west-1" })).resource;
    const services = Object.values(dr.aws_vpc_endpoint).map((endpoint) => endpoint.service_name);
    expect(services.every((service) => String(service).startsWith("com.amazonaws.us-west-1."))).toBe(true);
  });

  test.each<[string, Partial<VpcEndpointsProps>, RegExp]>([
    ["no subnets", { subnetIds: [] }, /subnetIds: must list the private subnets, one per AZ.*got none/],
    [
      "no route tables",
      { routeTableIds: [] },
      /routeTableIds: must list the private and data route tables, for S3.*got none/,
    ],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
