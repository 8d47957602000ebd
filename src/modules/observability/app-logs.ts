import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { EncryptedLogGroup } from "./log-group";

export interface AppLogGroupsProps {
  readonly namer: Namer;
  /** The region's customer key (`RegionalKey.arn`), which CloudWatch Logs may use. */
  readonly kmsKeyArn: string;
  /** One of CloudWatch Logs' retention values (see `LOG_RETENTION_DAYS`). */
  readonly retentionDays: number;
}

/**
 * The app's own log group in one region, `/<project>/<scope>/app`, encrypted and with a finite
 * retention, for the log shipper on the nodes (or the web instances) to write to.
 *
 * Why titan creates it instead of letting the shipper do so: a group created on first write has
 * no encryption and keeps logs forever, and would not be removed by `terraform destroy`.
 */
export class AppLogGroups extends Construct {
  readonly app: EncryptedLogGroup;
  readonly logGroupName: string;
  readonly logGroupArn: string;

  constructor(scope: Construct, id: string, props: AppLogGroupsProps) {
    super(scope, id);
    this.app = new EncryptedLogGroup(this, "App", {
      logGroupName: `/${props.namer.project}/${props.namer.scope}/app`,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.retentionDays,
    });
    this.logGroupName = this.app.name;
    this.logGroupArn = this.app.arn;
  }
}
