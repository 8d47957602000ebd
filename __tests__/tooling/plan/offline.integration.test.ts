import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { endpointKeyFor, endpointKeysFor } from "../../../src/tooling/aws-stub/endpoints";
import { inventoryFromStacks } from "../../../src/tooling/aws-stub/inventory";
import { FAKE_ACCESS_KEY, renderOfflineOverride } from "../../../src/tooling/aws-stub/override";
import { decodeRequest, type StubInventory } from "../../../src/tooling/aws-stub/protocol";
import { routeRequest, STUB_SERVICES, startAwsStub, UNHANDLED_CODE } from "../../../src/tooling/aws-stub/server";
import { PLAN_FILES } from "../../../src/tooling/plan/plan-stack";
import { offlineEnv } from "../../../src/tooling/plan/workspace";
import { planOffline } from "../../support/offline-plan";
import { buildApp, synthJson } from "../../support/synth";
import { removeTempDirs } from "../fixtures";

afterAll(removeTempDirs);

const STUB_URL = "http://127.0.0.1:4566";
const SIGV4 = "AWS4-HMAC-SHA256 Credential=AKIAOFFLINESTUB00000/20250101/us-west-1";
const INVENTORY: StubInventory = {
  kmsAliases: ["alias/titan-dr-data"],
  connectionNames: ["titan-primary-github"],
  secretNames: ["titan-primary-origin-verify"],
  autoScalingGroups: [],
};

/** A stack like cross-region: a default and an aliased aws provider, a data source and resources. */
const TWO_REGION_STACK = {
  provider: {
    aws: [
      { region: "us-east-2", default_tags: [{ tags: { Project: "titan" } }] },
      { alias: "dr", region: "us-west-1" },
    ],
  },
  data: { aws_kms_alias: { DrKey: { name: "alias/titan-dr-data", provider: "aws.dr" } } },
  resource: { aws_codepipeline: { Pipeline: {} }, aws_s3_bucket_replication_configuration: { Logs: {} } },
  terraform: { backend: { s3: { bucket: "titan-primary-tfstate" } }, required_providers: { aws: { source: "aws" } } },
};

/** A signed request as the aws provider sends it. */
function awsRequest(service: string, target: string | undefined, body: string) {
  const headers: Record<string, string> = { authorization: `${SIGV4}/${service}/aws4_request, SignedHeaders=host` };
  if (target) {
    headers["x-amz-target"] = target;
    headers["content-type"] = "application/x-amz-json-1.1";
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
  }
  return decodeRequest({ method: "POST", path: "/", headers, body });
}

describe("the offline override", () => {
  const override = renderOfflineOverride(TWO_REGION_STACK, STUB_URL);
  const providers = (override.provider as { aws: Record<string, unknown>[] }).aws;

  it("replaces the backend with a local one inside the working copy", () => {
    expect(override.terraform).toEqual({ backend: { local: { path: "terraform.tfstate" } } });
  });

  it("lists every aws provider block, the default one and each alias, leaving region and tags alone", () => {
    expect(providers.map((p) => p.alias)).toEqual([undefined, "dr"]);
    for (const p of providers) {
      expect(p).not.toHaveProperty("region");
      expect(p).not.toHaveProperty("default_tags");
    }
  });

  it("gives every block fake credentials, the skips and the stub as endpoint and proxy", () => {
    for (const p of providers) {
      expect(p).toMatchObject({
        access_key: FAKE_ACCESS_KEY,
        skip_credentials_validation: true,
        skip_requesting_account_id: false,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        https_proxy: STUB_URL,
        no_proxy: "127.0.0.1,localhost",
      });
      expect(p.endpoints).toEqual([
        { codepipeline: STUB_URL, iam: STUB_URL, kms: STUB_URL, s3: STUB_URL, sts: STUB_URL },
      ]);
    }
  });

  it("refuses a stack without an aws provider", () => {
    expect(() => renderOfflineOverride({ provider: { helm: [{}] } }, STUB_URL)).toThrow('no provider "aws" block');
  });
});

describe("endpoint keys", () => {
  test.each([
    ["aws_cloudwatch_log_group", "logs"],
    ["aws_cloudwatch_metric_alarm", "cloudwatch"],
    ["aws_route53_record", "route53"],
    ["aws_route_table_association", "ec2"],
    ["aws_vpc_security_group_ingress_rule", "ec2"],
    ["aws_lb_listener", "elbv2"],
    ["aws_db_subnet_group", "rds"],
    ["aws_rds_orderable_db_instance", "rds"],
    ["aws_codestarconnections_connection", "codestarconnections"],
    ["aws_secretsmanager_random_password", "secretsmanager"],
    ["aws_caller_identity", "sts"],
  ])("%s is served by the %s endpoint", (type, key) => {
    expect(endpointKeyFor(type)).toBe(key);
  });

  it("always include the provider's own account-id lookup (iam, sts) and skip local data sources", () => {
    const stack = { data: { aws_iam_policy_document: { Doc: {} } }, resource: { aws_s3_bucket: { B: {} } } };
    expect(endpointKeysFor(stack)).toEqual(["iam", "s3", "sts"]);
  });

  it("take ephemeral resources into account", () => {
    const stack = { ephemeral: { aws_secretsmanager_random_password: { Pw: {} } } };
    expect(endpointKeysFor(stack)).toEqual(["iam", "secretsmanager", "sts"]);
  });

  it("name every type without a mapping instead of letting the plan reach real AWS", () => {
    const stack = {
      resource: { aws_s3_bucket: { B: {} }, aws_quicksight_user: { U: {} }, aws_vpclattice_service: {} },
    };
    expect(() => endpointKeysFor(stack)).toThrow(
      /no aws provider endpoint known for aws_quicksight_user, aws_vpclattice_service/,
    );
  });

  it("cover every type titan's stacks use", () => {
    const stacks = Object.values(buildApp()).map(synthJson);
    for (const stack of stacks) {
      expect(() => endpointKeysFor(stack)).not.toThrow();
    }
  });
});

describe("the stub's routing", () => {
  it("answers sts:GetCallerIdentity in query XML with the fake account", () => {
    const { response, handled } = routeRequest(
      STUB_SERVICES,
      INVENTORY,
      awsRequest("sts", undefined, "Action=GetCallerIdentity&Version=2011-06-15"),
    );
    expect(handled).toBe(true);
    expect(response.status).toBe(200);
    expect(response.body).toContain("<GetCallerIdentityResult>");
    expect(response.body).toContain("<Account>111122223333</Account>");
  });

  it("echoes the requested SSM parameter name, in the request's region", () => {
    const request = awsRequest("ssm", "AmazonSSM.GetParameter", '{"Name":"/titan/handoff/x-endpoint"}');
    const { response } = routeRequest(STUB_SERVICES, INVENTORY, request);
    const parameter = JSON.parse(response.body).Parameter;
    expect(parameter).toMatchObject({ Name: "/titan/handoff/x-endpoint", Type: "String" });
    expect(parameter.ARN).toBe("arn:aws:ssm:us-west-1:111122223333:parameter/titan/handoff/x-endpoint");
  });

  it("lists the inventory's KMS aliases, each with its key", () => {
    const { response } = routeRequest(STUB_SERVICES, INVENTORY, awsRequest("kms", "TrentService.ListAliases", "{}"));
    const [alias] = JSON.parse(response.body).Aliases;
    expect(alias.AliasName).toBe("alias/titan-dr-data");
    const describe = awsRequest("kms", "TrentService.DescribeKey", '{"KeyId":"alias/titan-dr-data"}');
    const key = JSON.parse(routeRequest(STUB_SERVICES, INVENTORY, describe).response.body).KeyMetadata;
    expect(key.KeyId).toBe(alias.TargetKeyId);
    expect(key.Arn).toBe(`arn:aws:kms:us-west-1:111122223333:key/${alias.TargetKeyId}`);
  });

  it("honours the random password's length and excluded characters", () => {
    const request = awsRequest(
      "secretsmanager",
      "secretsmanager.GetRandomPassword",
      '{"PasswordLength":32,"ExcludeCharacters":"/\\"@ "}',
    );
    const password: string = JSON.parse(routeRequest(STUB_SERVICES, INVENTORY, request).response.body).RandomPassword;
    expect(password).toHaveLength(32);
    expect(password).not.toMatch(/[/"@ ]/);
  });

  test.each([
    ["an unknown operation of a known service", awsRequest("sts", undefined, "Action=AssumeRole"), "sts:AssumeRole"],
    ["an unknown service", awsRequest("glacier", "Glacier.ListVaults", "{}"), "glacier:ListVaults"],
    ["an unsigned request", decodeRequest({ method: "GET", path: "/x", headers: {}, body: "" }), "GET /x"],
  ])("refuses %s with a 400 naming the call", (_case, request, call) => {
    const { response, handled } = routeRequest(STUB_SERVICES, INVENTORY, request);
    expect(handled).toBe(false);
    expect(response.status).toBe(400);
    expect(response.body).toContain(UNHANDLED_CODE);
    expect(response.body).toContain(call);
  });

  it("records every call over HTTP, unhandled ones with what was sent", async () => {
    const stub = await startAwsStub({ inventory: INVENTORY });
    try {
      const post = (target: string, body: string) =>
        fetch(stub.url, {
          method: "POST",
          headers: {
            authorization: `${SIGV4}/kms/aws4_request, SignedHeaders=host`,
            "content-type": "application/x-amz-json-1.1",
            "x-amz-target": target,
          },
          body,
        });
      expect((await post("TrentService.ListAliases", "{}")).status).toBe(200);
      const refused = await post("TrentService.ScheduleKeyDeletion", '{"KeyId":"k"}');
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ __type: UNHANDLED_CODE });
      expect(stub.calls).toEqual([
        { call: "kms:ListAliases", handled: true, status: 200, region: "us-west-1", detail: undefined },
        {
          call: "kms:ScheduleKeyDeletion",
          handled: false,
          status: 400,
          region: "us-west-1",
          detail: 'POST / | X-Amz-Target: TrentService.ScheduleKeyDeletion | {"KeyId":"k"}',
        },
      ]);
    } finally {
      await stub.close();
    }
  });
});

describe("the inventory", () => {
  it("holds the literal names data sources look up, not interpolated ones", () => {
    const other = { data: { aws_kms_alias: { A: { name: "alias/titan-primary-data" }, B: { name: "${var.x}" } } } };
    expect(inventoryFromStacks([TWO_REGION_STACK, other])).toEqual({
      kmsAliases: ["alias/titan-dr-data", "alias/titan-primary-data"],
      connectionNames: [],
      secretNames: [],
      autoScalingGroups: [],
    });
  });
});

describe("the offline environment", () => {
  it("keeps the user's AWS settings away from Terraform, and its proxy for terraform init", () => {
    const env = offlineEnv("/p/plan.tfrc", {
      PATH: "/bin",
      AWS_PROFILE: "prod",
      AWS_ENDPOINT_URL: "x",
      HTTPS_PROXY: "p",
    });
    expect(env).toMatchObject({ PATH: "/bin", HTTPS_PROXY: "p", AWS_EC2_METADATA_DISABLED: "true" });
    expect(env.TF_CLI_CONFIG_FILE).toBe("/p/plan.tfrc");
    expect(env).not.toHaveProperty("AWS_PROFILE");
    expect(env).not.toHaveProperty("AWS_ENDPOINT_URL");
  });
});

describe("an offline plan of state-primary", () => {
  it("plans the state bucket through the stub, saves the plan, and leaves the synthesized directory untouched", async () => {
    const stackDir = path.join(Testing.fullSynth(buildApp().statePrimary), "stacks", "state-primary");
    const before = fs.readdirSync(stackDir).sort();
    const { outcome, calls, planDir } = await planOffline({ stack: "state-primary", stackDir });
    expect(outcome).toMatchObject({ result: "planned", counts: { add: 7, change: 0, destroy: 0 } });
    expect(calls.filter((c) => !c.handled)).toEqual([]);
    expect(calls.map((c) => c.call)).toContain("iam:GetUser");
    expect(fs.readdirSync(stackDir).sort()).toEqual(before);
    expect(fs.readdirSync(planDir).sort()).toEqual(Object.values(PLAN_FILES).sort());
    const meta = JSON.parse(fs.readFileSync(path.join(planDir, PLAN_FILES.meta), "utf8"));
    expect(meta).toMatchObject({ stack: "state-primary", mode: "offline", blocked: [], allowed: [], applyable: true });
    expect(fs.readFileSync(path.join(planDir, PLAN_FILES.summary), "utf8")).toContain(
      "**Plan: 7 to add, 0 to change, 0 to destroy.**",
    );
  });
});
