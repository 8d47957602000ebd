import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { EcrReplicationConfiguration } from "@cdktf/provider-aws/lib/ecr-replication-configuration";
import { Testing } from "cdktf";
import { RegistryReplication, type RegistryReplicationProps } from "../../../src/modules/delivery/registry-replication";

function synth(props: Partial<RegistryReplicationProps> = {}): string {
  return Testing.synthScope((scope) => {
    new RegistryReplication(scope, "Replication", {
      appName: "birthday-app",
      destinationRegion: "us-west-1",
      accountId: "111122223333",
      ...props,
    });
  });
}

describe("RegistryReplication", () => {
  it("copies the app's image and chart repositories to the DR region of the same account", () => {
    expect(synth()).toHaveResourceWithProperties(EcrReplicationConfiguration, {
      replication_configuration: {
        rule: [
          {
            destination: [{ region: "us-west-1", registry_id: "111122223333" }],
            repository_filter: [
              { filter: "birthday-app", filter_type: "PREFIX_MATCH" },
              { filter: "charts/birthday-app", filter_type: "PREFIX_MATCH" },
            ],
          },
        ],
      },
    });
  });

  it("takes the account id as a reference resolved at plan time", () => {
    const json = Testing.synthScope((scope) => {
      const account = new DataAwsCallerIdentity(scope, "Account");
      new RegistryReplication(scope, "Replication", {
        appName: "birthday-app",
        destinationRegion: "us-west-1",
        accountId: account.accountId,
      });
    });
    expect(json).toHaveResourceWithProperties(EcrReplicationConfiguration, {
      replication_configuration: {
        rule: [
          expect.objectContaining({
            destination: [{ region: "us-west-1", registry_id: "${data.aws_caller_identity.Account.account_id}" }],
          }),
        ],
      },
    });
  });

  test.each([
    [
      { destinationRegion: "us-west" },
      /destinationRegion: must be an AWS region code such as us-east-2.*got "us-west"/,
    ],
    [{ accountId: "1234" }, /accountId: must be a 12-digit AWS account id.*got "1234"/],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
