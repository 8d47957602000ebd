import type { Construct } from "constructs";
import { awsProvider, TitanStack, type TitanStackProps } from "./stack-base";

/**
 * The global edge: Route 53 failover, CloudFront, WAF and their certificate.
 *
 * Its default provider is us-east-1 because CloudFront accepts WAF web ACLs and ACM certificates
 * only from there. Its state lives in the DR region's bucket so it can still be changed while the
 * primary region is down, which is exactly when failover records may need a hand.
 */
export class GlobalStack extends TitanStack {
  constructor(scope: Construct, id: string, props: TitanStackProps) {
    super(scope, id, props.config, { nameScope: "global", stateRole: "dr", backend: props.backend });
    awsProvider(this, props.config, { region: "us-east-1", scope: "global" });
    awsProvider(this, props.config, { region: props.config.regions.primary.region, scope: "global", alias: "primary" });
    awsProvider(this, props.config, { region: props.config.regions.dr.region, scope: "global", alias: "dr" });
  }
}
