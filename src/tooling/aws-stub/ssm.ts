/** SSM (JSON 1.1): `GetParameter` for `aws_ssm_parameter`, the primary -> DR handoff values. */
import { requiredInput, type ServiceStub, STUB_ACCOUNT_ID } from "./protocol";

/**
 * A plausible value for a parameter name: a host name for `...endpoint` names (the handoff of the
 * Aurora global writer endpoint ends up in a CNAME record), otherwise a recognizable placeholder.
 */
export function parameterValue(name: string): string {
  const leaf = name.slice(name.lastIndexOf("/") + 1) || "value";
  return /endpoint$/i.test(leaf) ? `${leaf}.offline-stub.example.com` : `offline-stub-${leaf}`;
}

export const ssm: ServiceStub = {
  signingName: "ssm",
  protocol: "json1.1",
  operations: {
    GetParameter: (input, { region }) => {
      const name = requiredInput(input, "Name");
      const arnName = name.startsWith("/") ? name.slice(1) : name;
      return {
        Parameter: {
          ARN: `arn:aws:ssm:${region}:${STUB_ACCOUNT_ID}:parameter/${arnName}`,
          DataType: "text",
          LastModifiedDate: 1704067200,
          Name: name,
          Type: "String",
          Value: parameterValue(name),
          Version: 1,
        },
      };
    },
  },
};
