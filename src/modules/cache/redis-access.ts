import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";

/**
 * What the app may run: reads, writes, connection and MULTI/EXEC commands, minus the dangerous
 * category (FLUSHALL, FLUSHDB, KEYS, DEBUG...), so a bug or a stolen pod cannot wipe or stall the
 * cache; admin and scripting commands are out because the app only caches values.
 */
export const APP_ACCESS_STRING = "on ~* -@all +@read +@write +@connection +@transaction -@dangerous";

export interface RedisAccessControlProps {
  readonly namer: Namer;
  /**
   * Redis ACL rules of the app user.
   * @default - reads, writes, connection and transaction commands, nothing dangerous ({@link APP_ACCESS_STRING})
   */
  readonly appAccessString?: string;
}

/**
 * The RBAC user group a replication group is bound to: a disabled `default` user and the app's
 * IAM-authenticated user.
 *
 * Why IAM authentication: there is no secret at all. An AUTH token has no write-only argument in
 * the provider and would sit in Terraform state; with IAM the app signs a short-lived token with
 * its role, which needs `elasticache:Connect` on the replication group and on {@link appUserArn}.
 * ElastiCache requires every user group to hold a user named `default`: it is created switched
 * off, so an unauthenticated connection can run nothing. User and group ids are unique per account
 * and region, so they come from the namer and primary and DR never collide.
 */
export class RedisAccessControl extends Construct {
  readonly userGroupId: string;
  /** The id the app authenticates as: for IAM users the user name must equal it. */
  readonly appUserId: string;
  readonly appUserArn: string;

  constructor(scope: Construct, id: string, props: RedisAccessControlProps) {
    super(scope, id);
    const appAccessString = props.appAccessString ?? APP_ACCESS_STRING;
    new PropChecks(this)
      .require(
        /^on\s/.test(appAccessString),
        "appAccessString",
        `must start with "on" or the app user cannot connect, got "${appAccessString}"`,
      )
      .throwIfAny();

    // `no_password_required`, not `authentication_mode { type = "no-password-required" }`: AWS reads
    // that type back as "no-password", so the block plans a change on every run
    // (terraform-provider-aws #33877); the flag is sent on create and kept from config. The user is
    // switched off either way.
    const defaultUser = new ElasticacheUser(this, "DefaultUser", {
      userId: props.namer.name("redis-default", "elasticache"),
      userName: "default",
      engine: "redis",
      accessString: "off -@all",
      noPasswordRequired: true,
    });

    const appUserId = props.namer.name("redis-app", "elasticache");
    const appUser = new ElasticacheUser(this, "AppUser", {
      userId: appUserId,
      userName: appUserId,
      engine: "redis",
      accessString: appAccessString,
      authenticationMode: { type: "iam" },
    });

    const group = new ElasticacheUserGroup(this, "Resource", {
      userGroupId: props.namer.name("redis-users", "elasticache"),
      engine: "redis",
      userIds: [defaultUser.userId, appUser.userId],
    });

    this.userGroupId = group.userGroupId;
    this.appUserId = appUser.userId;
    this.appUserArn = appUser.arn;
  }
}
