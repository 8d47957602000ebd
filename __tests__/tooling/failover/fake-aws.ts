/**
 * A small AWS account for the runbook's specs, behind aws-sdk-client-mock: the SDK clients the
 * runbook makes are intercepted, and each call reads or changes the account's state the way the
 * service would (fake-data.ts, fake-dns-capacity.ts). Every call is logged in order with the region
 * it was signed for; a region marked down refuses every call; a call can be made to fail once.
 */
import { mockClient } from "aws-sdk-client-mock";
import type { FakeState } from "./fake-account";
import { awsError } from "./fake-account";
import { dataServices } from "./fake-data";
import { dnsAndCapacityServices } from "./fake-dns-capacity";

export * from "./fake-account";

/** What the fake needs of aws-sdk-client-mock's stubs, whose types are per client. */
interface Stub {
  on(command: unknown): { callsFake(fake: unknown): unknown };
  restore(): void;
}

const MUTATING = new Set([
  "SwitchoverGlobalClusterCommand",
  "FailoverGlobalClusterCommand",
  "UpdateNodegroupConfigCommand",
  "UpdateAutoScalingGroupCommand",
  "ChangeResourceRecordSetsCommand",
  "FailoverGlobalReplicationGroupCommand",
]);

export interface LoggedCall {
  readonly command: string;
  readonly region: string;
  readonly input: Record<string, unknown>;
}

type Client = { config: { region: () => Promise<string> } };

export class FakeAws {
  readonly calls: LoggedCall[] = [];
  private readonly stubs: Stub[] = [];

  constructor(readonly state: FakeState) {
    for (const service of [...dataServices(state), ...dnsAndCapacityServices(state)]) {
      const stub = mockClient(service.client) as unknown as Stub;
      this.stubs.push(stub);
      for (const [command, handle] of service.handlers) {
        stub.on(command).callsFake(async (input: Record<string, unknown>, getClient: () => Client) => {
          const region = await getClient().config.region();
          this.calls.push({ command: command.name, region, input });
          if (state.down.has(region)) {
            throw awsError("TimeoutError", `connect ETIMEDOUT: ${region} is down`);
          }
          const failure = state.failOnce.get(command.name);
          if (failure) {
            state.failOnce.delete(command.name);
            throw failure;
          }
          return handle(input as never, region);
        });
      }
    }
  }

  /** The changes made, in order: `Command@region`. */
  mutations(): string[] {
    return this.calls
      .filter((c) => MUTATING.has(c.command))
      .map((c) => `${c.command.replace(/Command$/, "")}@${c.region}`);
  }

  restore(): void {
    for (const stub of this.stubs) {
      stub.restore();
    }
  }
}
