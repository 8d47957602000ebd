import { Token } from "cdktf";
import type { AuroraClusterProps } from "./aurora-cluster";

/** Enhanced Monitoring granularities RDS accepts, in seconds (0 = off). */
export const MONITORING_INTERVALS_SECONDS = [0, 1, 5, 10, 15, 30, 60];

/** AuroraCluster settings once defaults are applied. */
export interface ResolvedAuroraSettings {
  readonly backupRetentionDays: number;
  readonly preferredBackupWindow: string;
  readonly preferredMaintenanceWindow: string;
  readonly performanceInsightsRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
}

type Rule = (props: AuroraClusterProps, resolved: ResolvedAuroraSettings) => string | undefined;

/** A Terraform expression reading an ephemeral value, e.g. `${jsondecode(ephemeral.<type>.<name>.secret_string).password}`. */
const EPHEMERAL_EXPRESSION = /^\$\{.*\bephemeral\.[\w-]+\.[\w-]+/;
const TIME = "([01]\\d|2[0-3]):[0-5]\\d";
const DAY_TIME = `(mon|tue|wed|thu|fri|sat|sun):${TIME}`;

function wholeIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

const RULES: readonly Rule[] = [
  ({ instanceCount }) =>
    wholeIn(instanceCount, 1, 15)
      ? undefined
      : `instanceCount must be a whole number from 1 to 15 (Aurora's limit), got ${instanceCount}`,
  ({ instanceClass }) =>
    /^db\.[a-z0-9]+\.[a-z0-9]+$/.test(instanceClass) && !instanceClass.startsWith("db.t")
      ? undefined
      : `instanceClass must be a non-burstable class such as db.r6g.large (global databases reject db.t*), got "${instanceClass}"`,
  ({ engineVersion }) =>
    /^\d+\.\d+$/.test(engineVersion)
      ? undefined
      : `engineVersion must be a pinned major.minor version such as 16.6, got "${engineVersion}"`,
  ({ availabilityZones }) =>
    availabilityZones.length > 0 ? undefined : "availabilityZones must list at least one zone, got none",
  ({ securityGroupIds }) =>
    securityGroupIds.length > 0 ? undefined : "securityGroupIds must list at least one security group, got none",
  (_, { backupRetentionDays }) =>
    wholeIn(backupRetentionDays, 1, 35)
      ? undefined
      : `backupRetentionDays must be a whole number from 1 to 35, got ${backupRetentionDays}`,
  (_, { preferredBackupWindow }) =>
    new RegExp(`^${TIME}-${TIME}$`).test(preferredBackupWindow)
      ? undefined
      : `preferredBackupWindow must be "hh24:mi-hh24:mi" in UTC, got "${preferredBackupWindow}"`,
  (_, { preferredMaintenanceWindow }) =>
    new RegExp(`^${DAY_TIME}-${DAY_TIME}$`).test(preferredMaintenanceWindow)
      ? undefined
      : `preferredMaintenanceWindow must be "ddd:hh24:mi-ddd:hh24:mi" in UTC, got "${preferredMaintenanceWindow}"`,
  (_, { performanceInsightsRetentionDays: days }) =>
    days === 7 || (wholeIn(days, 31, 731) && days % 31 === 0)
      ? undefined
      : `performanceInsightsRetentionDays must be 7 or a multiple of 31 up to 731, got ${days}`,
  (_, { monitoringIntervalSeconds }) =>
    MONITORING_INTERVALS_SECONDS.includes(monitoringIntervalSeconds)
      ? undefined
      : `monitoringIntervalSeconds must be one of ${MONITORING_INTERVALS_SECONDS.join(", ")}, got ${monitoringIntervalSeconds}`,
  ({ membership }) =>
    membership.kind === "secondary" || wholeIn(membership.masterPasswordWoVersion, 1, Number.MAX_SAFE_INTEGER)
      ? undefined
      : `membership.masterPasswordWoVersion must be a whole number of 1 or more, got ${membership.masterPasswordWoVersion}`,
  // A literal password would be written into the synthesized JSON: only references are accepted.
  ({ membership }) =>
    membership.kind === "secondary" ||
    EPHEMERAL_EXPRESSION.test(membership.masterPasswordWo) ||
    Token.isUnresolved(membership.masterPasswordWo)
      ? undefined
      : "membership.masterPasswordWo must reference an ephemeral value (DatabaseCredentials.passwordExpression), never a literal password",
];

/** Every problem with the props, each naming the prop, the value received and what is accepted. */
export function auroraClusterProblems(props: AuroraClusterProps, resolved: ResolvedAuroraSettings): string[] {
  return RULES.map((rule) => rule(props, resolved)).filter((problem): problem is string => problem !== undefined);
}
