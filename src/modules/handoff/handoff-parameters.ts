import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Construct } from "constructs";
import { textPattern } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";

const SSM_PARAMETER_PATH = textPattern(/^(\/[A-Za-z0-9_.-]+)+$/, "an SSM parameter path such as /titan/handoff/name");

export interface HandoffParametersProps {
  /** Parameter name (an SSM path) -> value. Values are identifiers and endpoints, never secrets. */
  readonly parameters: Readonly<Record<string, string>>;
  /** A provider in the region that reads them: the parameters live where they are needed. */
  readonly provider: AwsProvider;
  /** What the values are, for whoever finds them in the console. */
  readonly description: string;
}

/**
 * Values AWS generates in one region, written as SSM parameters into the region that needs them.
 *
 * Why not only remote state: DR must stay plannable while the primary region is down, and
 * primary's state bucket is in the primary region. A plan of `dr` that read it would fail exactly
 * when it is needed. The primary stack writes these parameters into us-west-1 when it applies (it
 * cannot be applied during its own region's outage anyway), and DR reads them in its own region.
 */
export class HandoffParameters extends Construct {
  readonly parameters: Readonly<Record<string, SsmParameter>>;

  constructor(scope: Construct, id: string, props: HandoffParametersProps) {
    super(scope, id);
    const checks = new PropChecks(this);
    for (const name of Object.keys(props.parameters)) {
      checks.matches("parameters", name, SSM_PARAMETER_PATH);
    }
    checks.throwIfAny();
    const parameters: Record<string, SsmParameter> = {};
    for (const [name, value] of Object.entries(props.parameters)) {
      parameters[name] = new SsmParameter(this, name, {
        provider: props.provider,
        name,
        type: "String",
        value,
        description: props.description,
      });
    }
    this.parameters = parameters;
  }
}
