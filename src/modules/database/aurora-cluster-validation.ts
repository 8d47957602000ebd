import { Token } from "cdktf";
import type { IConstruct } from "constructs";
import { GENERATION, intRange } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import type { AuroraClusterProps } from "./aurora-cluster";
import {
  AURORA_BACKUP_RETENTION_DAYS,
  AURORA_ENGINE_VERSION,
  AURORA_INSTANCES,
  DB_INSTANCE_CLASS,
  GLOBAL_DB_RPO_SECONDS,
  globalInstanceClassProblem,
  MONITORING_INTERVALS_SECONDS,
} from "./limits";

/** AuroraCluster settings once defaults are applied. */
export interface ResolvedAuroraSettings {
  readonly backupRetentionDays: number;
  readonly preferredBackupWindow: string;
  readonly preferredMaintenanceWindow: string;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
}

/** A Terraform expression reading an ephemeral value, e.g. `${jsondecode(ephemeral.<type>.<name>.secret_string).password}`. */
const EPHEMERAL_EXPRESSION = /^\$\{.*\bephemeral\.[\w-]+\.[\w-]+/;
const TIME = "([01]\\d|2[0-3]):[0-5]\\d";
const DAY_TIME = `(mon|tue|wed|thu|fri|sat|sun):${TIME}`;
const PERFORMANCE_INSIGHTS_LONG_TERM_DAYS = intRange(31, 731);

/** Throws every problem with the props at once, each naming the prop, the value and what is accepted. */
export function validateAuroraCluster(
  scope: IConstruct,
  props: AuroraClusterProps,
  resolved: ResolvedAuroraSettings,
): void {
  const checks = new PropChecks(scope)
    .wholeNumber("instanceCount", props.instanceCount, AURORA_INSTANCES)
    .matches("instanceClass", props.instanceClass, DB_INSTANCE_CLASS)
    .satisfies("instanceClass", props.instanceClass, globalInstanceClassProblem)
    .matches("engineVersion", props.engineVersion, AURORA_ENGINE_VERSION)
    .notEmpty("availabilityZones", props.availabilityZones, "at least one zone")
    .notEmpty("securityGroupIds", props.securityGroupIds, "at least one security group")
    .wholeNumber("backupRetentionDays", resolved.backupRetentionDays, AURORA_BACKUP_RETENTION_DAYS)
    .require(
      new RegExp(`^${TIME}-${TIME}$`).test(resolved.preferredBackupWindow),
      "preferredBackupWindow",
      () => `must be "hh24:mi-hh24:mi" in UTC, got "${resolved.preferredBackupWindow}"`,
    )
    .require(
      new RegExp(`^${DAY_TIME}-${DAY_TIME}$`).test(resolved.preferredMaintenanceWindow),
      "preferredMaintenanceWindow",
      () => `must be "ddd:hh24:mi-ddd:hh24:mi" in UTC, got "${resolved.preferredMaintenanceWindow}"`,
    )
    .require(
      resolved.performanceInsightsRetentionDays === 7 ||
        (resolved.performanceInsightsRetentionDays % 31 === 0 &&
          PERFORMANCE_INSIGHTS_LONG_TERM_DAYS.min <= resolved.performanceInsightsRetentionDays &&
          resolved.performanceInsightsRetentionDays <= PERFORMANCE_INSIGHTS_LONG_TERM_DAYS.max),
      "performanceInsightsRetentionDays",
      () => `must be 7 or a multiple of 31 up to 731, got ${resolved.performanceInsightsRetentionDays}`,
    )
    .oneOf("monitoringIntervalSeconds", resolved.monitoringIntervalSeconds, MONITORING_INTERVALS_SECONDS);
  if (props.globalRpoSeconds !== undefined) {
    checks.wholeNumber("globalRpoSeconds", props.globalRpoSeconds, GLOBAL_DB_RPO_SECONDS);
  }
  const { membership } = props;
  if (membership.kind === "primary") {
    checks
      .wholeNumber("membership.masterPasswordWoVersion", membership.masterPasswordWoVersion, GENERATION)
      // A literal password would be written into the synthesized JSON: only references are accepted.
      .require(
        EPHEMERAL_EXPRESSION.test(membership.masterPasswordWo) || Token.isUnresolved(membership.masterPasswordWo),
        "membership.masterPasswordWo",
        "must reference an ephemeral value (DatabaseCredentials.passwordExpression), never a literal password",
      );
  }
  checks.throwIfAny();
}
