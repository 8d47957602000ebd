import type { Construct } from "constructs";
import type { RegionRole } from "../config";
import { awsProvider, TitanStack, type TitanStackProps, useS3Backend } from "./stack-base";

export interface RegionalStackProps extends TitanStackProps {
  readonly role: RegionRole;
}

/**
 * One region of the birthday app: `primary` (us-east-2) or `dr` (us-west-1). The role decides what
 * differs (the Aurora global cluster lives in primary, DR joins it; DR runs smaller), so both
 * regions are built by the same code and cannot drift apart.
 */
export class RegionalStack extends TitanStack {
  readonly role: RegionRole;

  constructor(scope: Construct, id: string, props: RegionalStackProps) {
    super(scope, id, props.config, props.role);
    this.role = props.role;
    if ((props.backend ?? "s3") === "s3") {
      useS3Backend(this, props.config, props.role);
    }
    awsProvider(this, props.config, { region: props.config.regions[props.role].region, scope: props.role });
  }
}
