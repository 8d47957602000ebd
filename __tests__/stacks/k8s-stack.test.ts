import type { RegionRole } from "../../src/config";
import { buildApp, resourcesOf, synthJson } from "../support/synth";

describe.each<RegionRole>(["primary", "dr"])("K8sStack (%s)", (role) => {
  const stacks = buildApp();
  const k8s = synthJson(role === "primary" ? stacks.primaryK8s : stacks.drK8s);
  const regional = synthJson(stacks[role]);

  it("creates the app's namespace, so the namespace-scoped deploy role never has to", () => {
    expect(Object.values(resourcesOf(k8s, "kubernetes_namespace_v1"))).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ name: "birthday" }) }),
    ]);
  });

  it("annotates the app's service account with the IRSA role the regional stack creates", () => {
    const [account] = Object.values(resourcesOf(k8s, "kubernetes_service_account_v1")) as {
      metadata: { name: string; annotations: Record<string, string> };
    }[];
    const roleName = `titan-${role}-irsa-app`;
    expect(account.metadata.name).toBe("birthday-app");
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      `arn:aws:iam::\${data.aws_caller_identity.Account.account_id}:role/${roleName}`,
    );
    const roles = Object.values(resourcesOf(regional, "aws_iam_role")).map((iamRole) => iamRole.name);
    expect(roles).toContain(roleName);
  });

  it("trusts that service account, and only it, in the role's trust policy", () => {
    const trusts = Object.values(regional.data?.aws_iam_policy_document ?? {})
      .flatMap((document) => (document.statement as { condition?: { values: string[] }[] }[] | undefined) ?? [])
      .flatMap((statement) => statement.condition ?? [])
      .flatMap((condition) => condition.values);
    expect(trusts).toContain("system:serviceaccount:birthday:birthday-app");
  });
});
