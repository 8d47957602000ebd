import { Construct } from "constructs";
import { MIN_REASON_LENGTH, suppressionOf, suppressRule } from "../../src/policy";

const REASON = "docker build needs the Docker daemon which only privileged mode provides";

function tree() {
  const root = new Construct(undefined as unknown as Construct, "");
  const delivery = new Construct(root, "Delivery");
  const project = new Construct(delivery, "Project");
  const other = new Construct(root, "Other");
  return { delivery, project, other };
}

describe("suppressRule", () => {
  it("covers the construct and everything under it, and nothing beside it", () => {
    const { delivery, project, other } = tree();
    suppressRule(delivery, "TITAN-CB-1", REASON);
    expect(suppressionOf(project, "TITAN-CB-1")).toEqual({
      ruleId: "TITAN-CB-1",
      reason: REASON,
      constructPath: "Delivery",
    });
    expect(suppressionOf(delivery, "TITAN-CB-1")?.constructPath).toBe("Delivery");
    expect(suppressionOf(other, "TITAN-CB-1")).toBeUndefined();
    expect(suppressionOf(project, "TITAN-S3-1")).toBeUndefined();
  });

  it("takes the nearest suppression's reason", () => {
    const { delivery, project } = tree();
    suppressRule(delivery, "TITAN-CB-1", "every project in this scope builds container images");
    suppressRule(project, "TITAN-CB-1", REASON);
    expect(suppressionOf(project, "TITAN-CB-1")).toMatchObject({ reason: REASON, constructPath: "Delivery/Project" });
  });

  test.each([
    ["empty", ""],
    ["blank", "      "],
    ["a label", "needed"],
    ["a phrase under the minimum", "legacy build path"],
    ["padding around a label", `   ${"ok".padEnd(10)}   `],
  ])("rejects a reason that is %s", (_name, reason) => {
    const { project } = tree();
    expect(() => suppressRule(project, "TITAN-CB-1", reason)).toThrow(
      new RegExp(
        `^suppressRule\\(Delivery/Project, "TITAN-CB-1"\\): the reason .* is too short \\(\\d+ characters\\); say in a sentence of at least ${MIN_REASON_LENGTH} characters why`,
      ),
    );
    expect(suppressionOf(project, "TITAN-CB-1")).toBeUndefined();
  });

  test.each(["CB-1", "titan-cb-1", "TITAN-CB", ""])("rejects %j, which is not a rule id", (ruleId) => {
    const { project } = tree();
    expect(() => suppressRule(project, ruleId, REASON)).toThrow(/is not a rule id; use the id a finding names/);
  });
});
