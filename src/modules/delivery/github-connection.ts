import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

/** The connection's name, for a stack that looks its ARN up (the ARN ends in a generated id). */
export function gitHubConnectionName(namer: Namer): string {
  return namer.name("github", "codeConnection");
}

export interface GitHubConnectionProps {
  readonly namer: Namer;
}

/**
 * The CodeConnections (formerly CodeStar Connections) link to GitHub that the pipeline's source
 * stage reads the app repository through.
 *
 * Terraform creates it in the PENDING state: someone with access to the GitHub organisation must
 * complete it once in the console (Developer Tools, Settings, Connections, "Update pending
 * connection"), which installs the AWS Connector GitHub app. Terraform cannot do this handshake.
 * Until then the pipeline's source stage fails. WHY a connection rather than a token: no secret to
 * store or rotate, and access is scoped to the repositories granted to the GitHub app.
 */
export class GitHubConnection extends Construct {
  readonly connection: CodestarconnectionsConnection;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: GitHubConnectionProps) {
    super(scope, id);
    this.connection = new CodestarconnectionsConnection(this, "Resource", {
      name: gitHubConnectionName(props.namer),
      providerType: "GitHub",
    });
    this.arn = this.connection.arn;
    this.name = this.connection.name;
  }
}
