import { STATEFUL_RESOURCE_TYPES } from "../../../src/stateful";
import { describeFinding, guardChanges, statefulFindings } from "../../../src/tooling/plan/guard";
import { parsePlan } from "../../../src/tooling/plan/plan-json";
import {
  DESTROYED_SECRET,
  planDocument,
  RENAMED_GLOBAL_CLUSTER,
  REPLACED_SECURITY_GROUP,
  resourceChange,
} from "./fixtures";

const GLOBAL = "aws_rds_global_cluster.AuroraGlobal_4EFB8821";
const SECRET = "aws_secretsmanager_secret.DatabaseCredentials_F1C30F0B";

function changes(...raw: Record<string, unknown>[]) {
  return parsePlan(planDocument(raw)).changes;
}

describe("the stateful guard", () => {
  it("blocks replacing or destroying a stateful resource, and nothing else", () => {
    const result = guardChanges(changes(RENAMED_GLOBAL_CLUSTER, REPLACED_SECURITY_GROUP, DESTROYED_SECRET), []);
    expect(result.blocked.map((f) => [f.address, f.action])).toEqual([
      [GLOBAL, "replace"],
      [SECRET, "delete"],
    ]);
    expect(result.allowed).toEqual([]);
  });

  it("lets through exactly the addresses named with --allow-destroy", () => {
    const result = guardChanges(changes(RENAMED_GLOBAL_CLUSTER, DESTROYED_SECRET), [GLOBAL]);
    expect(result.allowed.map((f) => f.address)).toEqual([GLOBAL]);
    expect(result.blocked.map((f) => f.address)).toEqual([SECRET]);
  });

  test.each(Object.keys(STATEFUL_RESOURCE_TYPES))("guards %s", (type) => {
    const [finding] = statefulFindings(changes(resourceChange(`${type}.X`, ["delete", "create"])));
    expect(finding).toMatchObject({ type, action: "replace", holds: STATEFUL_RESOURCE_TYPES[type] });
  });

  test.each([
    ["an update in place", ["update"]],
    ["a creation", ["create"]],
    ["a removal from state only (removed block, destroy = false)", ["forget"]],
    ["a read", ["read"]],
  ])("lets %s of a stateful resource through", (_name, actions) => {
    expect(statefulFindings(changes(resourceChange("aws_rds_cluster.Aurora", actions)))).toEqual([]);
  });

  it("ignores data sources of stateful types", () => {
    const data = resourceChange("aws_kms_key.K", ["delete"], {}, { mode: "data" });
    expect(statefulFindings(changes(data))).toEqual([]);
  });

  it("says what is lost and what forces it", () => {
    const [finding] = statefulFindings(changes(RENAMED_GLOBAL_CLUSTER));
    expect(describeFinding(finding)).toBe(
      `${GLOBAL} would be REPLACED (forced by global_cluster_identifier): loses the Aurora global database every regional cluster belongs to`,
    );
    const [destroyed] = statefulFindings(changes(DESTROYED_SECRET));
    expect(describeFinding(destroyed)).toBe(
      `${SECRET} would be DESTROYED: loses the database credentials and their version history`,
    );
  });
});
