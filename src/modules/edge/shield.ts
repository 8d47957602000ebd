import { ShieldProtection } from "@cdktf/provider-aws/lib/shield-protection";
import { ShieldSubscription } from "@cdktf/provider-aws/lib/shield-subscription";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

export interface ShieldAdvancedProps {
  readonly namer: Namer;
  /** The distribution to protect. */
  readonly distributionArn: string;
}

/**
 * Shield Advanced for the distribution: the account's subscription and the distribution's
 * protection. Only ever built behind `edge.shieldAdvanced`, because the subscription costs
 * USD 3,000 a month with a one-year commitment.
 *
 * Destroying it turns automatic renewal off (`skip_destroy` false) rather than leaving a renewal
 * nobody asked for; the commitment itself runs its year regardless.
 */
export class ShieldAdvanced extends Construct {
  readonly subscription: ShieldSubscription;
  readonly protection: ShieldProtection;

  constructor(scope: Construct, id: string, props: ShieldAdvancedProps) {
    super(scope, id);
    this.subscription = new ShieldSubscription(this, "Subscription", { autoRenew: "ENABLED", skipDestroy: false });
    this.protection = new ShieldProtection(this, "Resource", {
      name: props.namer.name("api"),
      resourceArn: props.distributionArn,
      dependsOn: [this.subscription],
    });
  }
}
