/**
 * CodeStar Connections (JSON 1.0) for `aws_codestarconnections_connection` looked up by name: the
 * provider lists connections and picks its own, then reads the tags. Inventory connections are
 * GitHub connections in the PENDING state, as Terraform leaves a new one.
 */
import { createHash } from "node:crypto";
import { AwsError, requiredInput, type ServiceStub, STUB_ACCOUNT_ID } from "./protocol";

/** The ARN of a named connection: a stable UUID, as AWS assigns one. */
export function connectionArn(name: string, region: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `arn:aws:codestar-connections:${region}:${STUB_ACCOUNT_ID}:connection/${id}`;
}

function connection(name: string, region: string) {
  return {
    ConnectionArn: connectionArn(name, region),
    ConnectionName: name,
    ConnectionStatus: "PENDING",
    OwnerAccountId: STUB_ACCOUNT_ID,
    ProviderType: "GitHub",
  };
}

export const codestarConnections: ServiceStub = {
  signingName: "codestar-connections",
  protocol: "json1.0",
  operations: {
    ListConnections: (_input, { region, inventory }) => ({
      Connections: inventory.connectionNames.map((name) => connection(name, region)),
    }),
    GetConnection: (input, { region, inventory }) => {
      const arn = requiredInput(input, "ConnectionArn");
      const name = inventory.connectionNames.find((n) => connectionArn(n, region) === arn);
      if (name === undefined) {
        throw new AwsError("ResourceNotFoundException", `Connection ${arn} does not exist`);
      }
      return { Connection: connection(name, region) };
    },
    ListTagsForResource: () => ({ Tags: [] }),
  },
};
