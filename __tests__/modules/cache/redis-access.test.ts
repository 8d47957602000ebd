import * as fs from "node:fs";
import * as path from "node:path";
import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { TerraformOutput, Testing } from "cdktf";
import {
  APP_ACCESS_STRING,
  RedisAccessControl,
  type RedisAccessControlProps,
} from "../../../src/modules/cache/redis-access";
import { Namer } from "../../../src/naming";
import { resourcesOf, type SynthesizedStack } from "../../support/synth";

const primary = new Namer("titan", "primary");

function synth(props: Partial<RedisAccessControlProps> = {}): string {
  return Testing.synthScope((scope) => {
    new RedisAccessControl(scope, "Access", { namer: primary, ...props });
  });
}

function users(json: string): Record<string, unknown>[] {
  return Object.values(resourcesOf(JSON.parse(json) as SynthesizedStack, "aws_elasticache_user"));
}

describe("RedisAccessControl", () => {
  it("switches off the default user every user group must hold", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheUser, {
      user_id: "titan-primary-redis-default",
      user_name: "default",
      access_string: "off -@all",
      no_password_required: true,
    });
  });

  it("never writes the authentication type AWS reads back under another name (provider #33877)", () => {
    // AWS answers "no-password" for a user created as "no-password-required", so that block would
    // plan a change on every run; the flag round-trips. Only the types AWS echoes are written.
    for (const user of users(synth())) {
      const mode = user.authentication_mode as { type: string } | undefined;
      expect(["iam", "password", undefined]).toContain(mode?.type);
    }
    expect(JSON.stringify(users(synth()))).not.toContain("no-password-required");
  });

  it("authenticates the app user with IAM, its name equal to its id, with no password anywhere", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheUser, {
      user_id: "titan-primary-redis-app",
      user_name: "titan-primary-redis-app",
      engine: "redis",
      access_string: APP_ACCESS_STRING,
      authentication_mode: { type: "iam" },
    });
    for (const user of users(synth())) {
      expect(user).not.toHaveProperty("passwords");
    }
  });

  it("names every access string it writes in README's perpetual-diff table, as unconfirmed until a real plan shows it", () => {
    // The provider stores what DescribeUsers answers: a string AWS rewrites plans a change forever.
    // Only a real account can tell, so the table says which strings to look at after the first apply.
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
    const row = readme.split("\n").find((line) => line.startsWith("| `aws_elasticache_user` | **unconfirmed**"));
    expect(row).toContain("terraform plan -detailed-exitcode");
    for (const user of users(synth())) {
      expect(row).toContain(`\`"${String(user.access_string)}"\``);
    }
  });

  it("lets the app read and write but run nothing dangerous", () => {
    expect(APP_ACCESS_STRING).toMatch(/^on ~\* -@all /);
    expect(APP_ACCESS_STRING).toMatch(/\+@read \+@write/);
    expect(APP_ACCESS_STRING).toMatch(/-@dangerous$/);
  });

  it("groups both users", () => {
    expect(synth()).toHaveResourceWithProperties(ElasticacheUserGroup, {
      user_group_id: "titan-primary-redis-users",
      engine: "redis",
      user_ids: [
        expect.stringMatching(/aws_elasticache_user\.Access_DefaultUser_.*\.user_id/),
        expect.stringMatching(/aws_elasticache_user\.Access_AppUser_.*\.user_id/),
      ],
    });
  });

  it("never reuses the primary's ids in DR (they are unique per account and region)", () => {
    const dr = users(synth({ namer: primary.forScope("dr") })).map((user) => user.user_id);
    expect(dr.sort()).toEqual(["titan-dr-redis-app", "titan-dr-redis-default"]);
  });

  it("exposes the app user's ARN and id and the group id, for the IRSA role's elasticache:Connect", () => {
    const json = Testing.synthScope((scope) => {
      const access = new RedisAccessControl(scope, "Access", { namer: primary });
      new TerraformOutput(scope, "app_user_arn", { value: access.appUserArn });
      new TerraformOutput(scope, "app_user_id", { value: access.appUserId });
      new TerraformOutput(scope, "user_group_id", { value: access.userGroupId });
    });
    const output = (JSON.parse(json) as SynthesizedStack).output ?? {};
    expect(output.app_user_arn.value).toMatch(/^\$\{aws_elasticache_user\.Access_AppUser_\w+\.arn\}$/);
    expect(output.app_user_id.value).toMatch(/^\$\{aws_elasticache_user\.Access_AppUser_\w+\.user_id\}$/);
    expect(output.user_group_id.value).toMatch(/^\$\{aws_elasticache_user_group\.Access_\w+\.user_group_id\}$/);
  });

  test.each([["off ~* +@all"], ["~* +@all"]])(
    "rejects an app access string that disables the user: %p",
    (appAccessString) => {
      expect(() => synth({ appAccessString })).toThrow(/appAccessString: must start with "on"/);
    },
  );
});
