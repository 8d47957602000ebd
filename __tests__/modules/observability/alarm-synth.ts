import { Testing } from "cdktf";
import type { Construct } from "constructs";

/** A synthesized `aws_cloudwatch_metric_alarm`, as the tests read it. */
export interface SynthesizedAlarm {
  readonly alarm_name: string;
  readonly alarm_description: string;
  readonly alarm_actions: string[];
  readonly ok_actions: string[];
  readonly metric_query?: Record<string, unknown>[];
  readonly [argument: string]: unknown;
}

export const TOPIC_ARN = "arn:aws:sns:us-east-2:111122223333:titan-primary-alarms";

/** Synthesizes what `build` adds to a fresh scope and returns its alarms by alarm name. */
export function synthAlarms(build: (scope: Construct) => void): Record<string, SynthesizedAlarm> {
  const json = JSON.parse(Testing.synthScope(build)) as {
    resource?: { aws_cloudwatch_metric_alarm?: Record<string, SynthesizedAlarm> };
  };
  const alarms = Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {});
  return Object.fromEntries(alarms.map((alarm) => [alarm.alarm_name, alarm]));
}
