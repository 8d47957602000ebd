import { CodestarconnectionsConnection } from "@cdktf/provider-aws/lib/codestarconnections-connection";
import { Testing } from "cdktf";
import { GitHubConnection } from "../../../src/modules/delivery/github-connection";
import { Namer } from "../../../src/naming";

describe("GitHubConnection", () => {
  it("is a GitHub connection named within the 32-character limit", () => {
    const namer = new Namer("titan", "primary");
    const json = Testing.synthScope((scope) => {
      new GitHubConnection(scope, "GitHub", { namer });
    });
    expect(json).toHaveResourceWithProperties(CodestarconnectionsConnection, {
      name: "titan-primary-github",
      provider_type: "GitHub",
    });
  });
});
