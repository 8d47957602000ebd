import { decodeRequest, type StubInventory } from "../../../src/tooling/aws-stub/protocol";
import { routeRequest, STUB_SERVICES } from "../../../src/tooling/aws-stub/server";

/** The Auto Scaling groups EKS keeps behind DR's two zones' node groups. */
const NODE_GROUP_ASG = {
  name: "eks-titan-dr-eks-general-usw1-az1-0ac9a1b2",
  minSize: 1,
  maxSize: 3,
  desiredCapacity: 1,
  tags: { "eks:cluster-name": "titan-dr-eks", "eks:nodegroup-name": "titan-dr-eks-general-usw1-az1" },
};
const OTHER_ZONE_ASG = {
  name: "eks-titan-dr-eks-general-usw1-az3-0ac9a1b3",
  minSize: 0,
  maxSize: 3,
  desiredCapacity: 0,
  tags: { "eks:cluster-name": "titan-dr-eks", "eks:nodegroup-name": "titan-dr-eks-general-usw1-az3" },
};
const INVENTORY: StubInventory = {
  kmsAliases: [],
  connectionNames: [],
  secretNames: [],
  autoScalingGroups: [NODE_GROUP_ASG, OTHER_ZONE_ASG],
};

function describe_(body: string, inventory = INVENTORY): string {
  const request = decodeRequest({
    method: "POST",
    path: "/",
    headers: {
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIAOFFLINESTUB00000/20250101/us-west-1/autoscaling/aws4_request, SignedHeaders=host",
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    },
    body: `Action=DescribeAutoScalingGroups&Version=2011-01-01&${body}`,
  });
  const { response, handled } = routeRequest(STUB_SERVICES, inventory, request);
  expect(handled).toBe(true);
  return response.body;
}

const names = (body: string) => [...body.matchAll(/<AutoScalingGroupName>([^<]+)</g)].map((match) => match[1]);

describe("the stub's Auto Scaling DescribeAutoScalingGroups", () => {
  /** The lookup a zone's LiveDesiredSize makes: by the cluster and node group tags EKS puts on the group. */
  const byTags = (nodegroupName: string) =>
    describe_(
      "Filters.member.1.Name=tag%3Aeks%3Acluster-name&Filters.member.1.Values.member.1=titan-dr-eks" +
        `&Filters.member.2.Name=tag%3Aeks%3Anodegroup-name&Filters.member.2.Values.member.1=${nodegroupName}`,
    );

  test.each([
    ["titan-dr-eks-general-usw1-az1", NODE_GROUP_ASG],
    ["titan-dr-eks-general-usw1-az3", OTHER_ZONE_ASG],
  ])("finds %s's Auto Scaling group by the tags EKS puts on it, with its own size", (nodegroupName, group) => {
    const body = byTags(nodegroupName);
    expect(names(body)).toEqual([group.name]);
    expect(body).toContain(`<DesiredCapacity>${group.desiredCapacity}</DesiredCapacity>`);
  });

  it("finds nothing for another node group, or in a fresh account", () => {
    expect(
      names(
        describe_(
          "Filters.member.1.Name=tag%3Aeks%3Anodegroup-name&Filters.member.1.Values.member.1=titan-dr-eks-spot",
        ),
      ),
    ).toEqual([]);
    expect(names(describe_("", { ...INVENTORY, autoScalingGroups: [] }))).toEqual([]);
  });

  it("describes a group by name, with its sizes and tags", () => {
    const body = describe_(`AutoScalingGroupNames.member.1=${NODE_GROUP_ASG.name}`);
    expect(body).toMatch(/<MinSize>1<\/MinSize><MaxSize>3<\/MaxSize><DesiredCapacity>1<\/DesiredCapacity>/);
    expect(body).toContain("<Key>eks:nodegroup-name</Key><Value>titan-dr-eks-general-usw1-az1</Value>");
    expect(names(describe_("AutoScalingGroupNames.member.1=nope"))).toEqual([]);
  });
});
