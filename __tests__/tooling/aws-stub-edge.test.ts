import { endpointKeyFor } from "../../src/tooling/aws-stub/endpoints";
import { inventoryFromStacks, secretNamesInState } from "../../src/tooling/aws-stub/inventory";
import { decodeRequest, type StubInventory } from "../../src/tooling/aws-stub/protocol";
import {
  formatStubCalls,
  REGION_DOWN_CODE,
  routeRequest,
  STUB_SERVICES,
  startAwsStub,
  UNHANDLED_CODE,
} from "../../src/tooling/aws-stub/server";

const INVENTORY: StubInventory = {
  kmsAliases: [],
  connectionNames: [],
  secretNames: ["titan-primary-origin-verify"],
};

/** A request signed as the aws provider signs it, for `service` in `region`. */
function signed(region: string, service: string, body: string, target?: string) {
  const headers: Record<string, string> = {
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAOFFLINESTUB00000/20250101/${region}/${service}/aws4_request, SignedHeaders=host`,
    "content-type": target ? "application/x-amz-json-1.1" : "application/x-www-form-urlencoded; charset=utf-8",
  };
  if (target) {
    headers["x-amz-target"] = target;
  }
  return decodeRequest({ method: "POST", path: "/", headers, body });
}

const describeLists = (region: string, name: string) =>
  signed(
    region,
    "ec2",
    `Action=DescribeManagedPrefixLists&Version=2016-11-15&Filter.1.Name=prefix-list-name&Filter.1.Value.1=${name}`,
  );

describe("the stub's EC2 managed prefix lists", () => {
  test.each([
    ["com.amazonaws.global.cloudfront.origin-facing", 55],
    ["com.amazonaws.us-west-1.route53-healthchecks", 25],
  ])("describes %s with its published maximum size (%i), under a regional id", (name, maxEntries) => {
    const east = routeRequest(STUB_SERVICES, INVENTORY, describeLists("us-east-2", name)).response.body;
    const west = routeRequest(STUB_SERVICES, INVENTORY, describeLists("us-west-1", name)).response.body;
    expect(east).toMatch(
      /^<DescribeManagedPrefixListsResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/">/,
    );
    expect(east).toContain(`<prefixListName>${name}</prefixListName>`);
    expect(east).toContain(`<maxEntries>${maxEntries}</maxEntries>`);
    expect(east).toContain("<state>create-complete</state>");
    const id = (body: string) => /<prefixListId>(pl-[0-9a-f]{17})<\/prefixListId>/.exec(body)?.[1];
    expect(id(east)).toBeDefined();
    expect(id(east)).not.toBe(id(west));
  });

  it("finds no list by a name AWS does not publish, as AWS would (an empty set)", () => {
    const body = routeRequest(STUB_SERVICES, INVENTORY, describeLists("us-east-2", "com.amazonaws.global.nothing"))
      .response.body;
    expect(body).toContain("<prefixListSet/>");
  });

  it("answers a list's entries", () => {
    const request = signed("us-east-2", "ec2", "Action=GetManagedPrefixListEntries&PrefixListId=pl-0123456789abcdef0");
    const { response, handled } = routeRequest(STUB_SERVICES, INVENTORY, request);
    expect(handled).toBe(true);
    expect(response.body).toContain("<entrySet><item><cidr>192.0.2.0/24</cidr>");
  });

  it("answers an EC2 error in EC2's own shape", () => {
    const request = signed("us-east-2", "ec2", "Action=DescribeManagedPrefixLists");
    const { response } = routeRequest(STUB_SERVICES, INVENTORY, request);
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/^<Response><Errors><Error><Code>InvalidParameterValue<\/Code>/);
  });
});

describe("the stub's Secrets Manager reads", () => {
  const read = (secretId: string, extra = "") =>
    routeRequest(
      STUB_SERVICES,
      INVENTORY,
      signed("us-east-1", "secretsmanager", `{"SecretId":"${secretId}"${extra}}`, "secretsmanager.GetSecretValue"),
    ).response;

  it("returns the origin-verify document for a secret the stacks read by name, in the request's region", () => {
    const answer = JSON.parse(read("titan-primary-origin-verify").body);
    expect(answer).toMatchObject({ Name: "titan-primary-origin-verify", VersionStages: ["AWSCURRENT"] });
    expect(answer.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:111122223333:secret:titan-primary-origin-verify-/);
    const document = JSON.parse(answer.SecretString);
    expect(document).toEqual({
      generation: 1,
      current: expect.stringMatching(/^[A-Za-z0-9]+$/),
      previous: document.current,
    });
  });

  it("refuses a secret nobody reads and a staging label it does not hold, as Secrets Manager would", () => {
    expect(JSON.parse(read("titan-primary-other").body).__type).toBe("ResourceNotFoundException");
    expect(JSON.parse(read("titan-primary-origin-verify", ',"VersionStage":"AWSPREVIOUS"').body).__type).toBe(
      "ResourceNotFoundException",
    );
  });

  it("answers a deployed state's database secret, read by ARN, in the credentials shape the cluster decodes", () => {
    const state = {
      resources: [
        { type: "aws_secretsmanager_secret", instances: [{ attributes: { name: "titan-primary-db-credentials" } }] },
        { type: "aws_kms_key", instances: [{ attributes: { name: "not-a-secret" } }] },
      ],
    };
    expect(secretNamesInState(state)).toEqual(["titan-primary-db-credentials"]);
    const inventory = { ...INVENTORY, secretNames: [...INVENTORY.secretNames, ...secretNamesInState(state)] };
    const arn = "arn:aws:secretsmanager:us-east-2:111122223333:secret:titan-primary-db-credentials-AbCdEf";
    const answer = JSON.parse(
      routeRequest(
        STUB_SERVICES,
        inventory,
        signed("us-east-2", "secretsmanager", `{"SecretId":"${arn}"}`, "secretsmanager.GetSecretValue"),
      ).response.body,
    );
    expect(JSON.parse(answer.SecretString)).toMatchObject({ engine: "postgres", password: expect.any(String) });
  });

  it("takes the secret names from the stacks' data sources, literal ones only", () => {
    const stack = {
      data: {
        aws_secretsmanager_secret_version: {
          Replica: { secret_id: "titan-primary-origin-verify" },
          Pinned: { secret_id: "${aws_secretsmanager_secret.X.id}" },
        },
      },
    };
    expect(inventoryFromStacks([stack]).secretNames).toEqual(["titan-primary-origin-verify"]);
  });
});

describe("a region played as down", () => {
  const sts = (region: string) => signed(region, "sts", "Action=GetCallerIdentity&Version=2011-06-15");

  it("refuses every call signed for it, before any handler, and only those", () => {
    const down = routeRequest(STUB_SERVICES, INVENTORY, sts("us-east-2"), ["us-east-2"]);
    expect(down).toMatchObject({ handled: false, refused: true });
    expect(down.response.body).toContain(REGION_DOWN_CODE);
    expect(down.response.body).not.toContain(UNHANDLED_CODE);
    expect(routeRequest(STUB_SERVICES, INVENTORY, sts("us-west-1"), ["us-east-2"])).toMatchObject({ handled: true });
  });

  it("is recorded with its region, and reported apart from missing handlers", async () => {
    const stub = await startAwsStub({ inventory: INVENTORY, refusedRegions: ["us-east-2"] });
    try {
      for (const region of ["us-east-2", "us-east-1"]) {
        await fetch(stub.url, { method: "POST", headers: sts(region).headers, body: sts(region).body });
      }
    } finally {
      await stub.close();
    }
    expect(stub.calls).toEqual([
      expect.objectContaining({ call: "sts:GetCallerIdentity", region: "us-east-2", refused: true, handled: false }),
      expect.objectContaining({ call: "sts:GetCallerIdentity", region: "us-east-1", handled: true }),
    ]);
    const report = formatStubCalls(stub.calls);
    expect(report).toContain("stub REFUSED calls to a region played as down (1):");
    expect(report).toContain("  us-east-2 sts:GetCallerIdentity");
    expect(report).toContain("stub unhandled calls: none");
  });
});

describe("endpoint keys of the edge's resource types", () => {
  test.each([
    ["aws_ec2_managed_prefix_list", "ec2"],
    ["aws_cloudfront_distribution", "cloudfront"],
    ["aws_cloudfront_response_headers_policy", "cloudfront"],
    ["aws_wafv2_web_acl_logging_configuration", "wafv2"],
    ["aws_route53_health_check", "route53"],
    ["aws_shield_subscription", "shield"],
    ["aws_shield_protection", "shield"],
  ])("%s is served by the %s endpoint", (type, key) => {
    expect(endpointKeyFor(type)).toBe(key);
  });
});
