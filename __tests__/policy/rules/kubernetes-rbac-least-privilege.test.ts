import { kubernetesRbacLeastPrivilege } from "../../../src/policy/rules/kubernetes-rbac-least-privilege";
import { type Case, expectVerdict } from "./fixtures";

const READ = ["get", "list", "watch"];
const role = (...rule: object[]) => ({ metadata: { name: "titan:plan-reader" }, rule });

describe("TITAN-K8S-5: RBAC names what it grants", () => {
  describe("ClusterRoles", () => {
    test.each<Case>([
      [
        "the plan reader's (as synthesized)",
        role(
          { api_groups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: READ },
          { api_groups: ["rbac.authorization.k8s.io"], resources: ["roles", "clusterroles"], verbs: READ },
        ),
        "compliant",
      ],
      ["wildcard verbs", role({ api_groups: [""], resources: ["pods"], verbs: ["*"] }), /rule\[0\] has "\*" in verbs/],
      [
        "wildcard everything",
        role({ api_groups: ["*"], resources: ["*"], verbs: ["*"] }),
        /has "\*" in api_groups, resources, verbs/,
      ],
      [
        "escalate and bind on roles",
        role(
          { api_groups: [""], resources: ["pods"], verbs: READ },
          { api_groups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind", "escalate"] },
        ),
        /rule\[1\] grants bind, escalate/,
      ],
      ["impersonate", role({ api_groups: [""], resources: ["users"], verbs: ["impersonate"] }), /grants impersonate/],
      [
        "secrets in every namespace, even read only",
        role({ api_groups: [""], resources: ["secrets"], verbs: ["get"] }),
        /reaches secrets in every namespace/,
      ],
      ["every non-resource URL", role({ non_resource_urls: ["*"], verbs: ["get"] }), /every non-resource URL/],
    ])("%s", (_name, attributes, expected) => expectVerdict(kubernetesRbacLeastPrivilege, attributes, expected));
  });

  describe("Roles", () => {
    test.each<Case>([
      [
        "release secrets in one namespace (the plan reader's, as synthesized)",
        role({ api_groups: [""], resources: ["secrets"], verbs: READ }),
        "compliant",
      ],
      [
        "the deployers' TargetGroupBindings (as synthesized)",
        role({
          api_groups: ["elbv2.k8s.aws"],
          resources: ["targetgroupbindings"],
          verbs: [...READ, "create", "update", "patch", "delete"],
        }),
        "compliant",
      ],
      ["wildcard resources", role({ api_groups: [""], resources: ["*"], verbs: READ }), /has "\*" in resources/],
    ])("%s", (_name, attributes, expected) =>
      expectVerdict(kubernetesRbacLeastPrivilege, attributes, expected, { type: "kubernetes_role_v1" }),
    );
  });
});
