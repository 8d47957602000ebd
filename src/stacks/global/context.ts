import type { TitanConfig } from "../../config";
import type { AlarmTopic } from "../../modules/observability/alarm-topic";
import type { RegionalKey } from "../../modules/security/kms-key";
import type { Namer } from "../../naming";

/** What every part of the global stack needs: all of it in us-east-1, the stack's one region. */
export interface GlobalContext {
  readonly config: TitanConfig;
  readonly namer: Namer;
  readonly accountId: string;
  /** The us-east-1 customer key: alarm topic, WAF logs. */
  readonly key: RegionalKey;
  readonly alarmTopic: AlarmTopic;
}
