import { Annotations, Aspects, type IAspect, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { RenderedResources } from "./rendered";
import type { PolicyRule, RuleContext, RuleResult, SynthesizedResource } from "./rule";
import { backupVaultLock } from "./rules/backup-vault-lock";
import { cloudFrontAccessLogging } from "./rules/cloudfront-access-logging";
import { cloudFrontOriginGroupReadOnly } from "./rules/cloudfront-origin-group-read-only";
import { cloudFrontOriginTls } from "./rules/cloudfront-origin-tls";
import { cloudFrontResponseHeaders } from "./rules/cloudfront-response-headers";
import { cloudFrontViewerTls } from "./rules/cloudfront-viewer-tls";
import { cloudFrontWebAcl } from "./rules/cloudfront-web-acl";
import { codebuildPrivilegedMode } from "./rules/codebuild-privileged-mode";
import { ecrPullThroughCacheUpstream } from "./rules/ecr-pull-through-cache-upstream";
import { ecrRepositoryCreationTemplate } from "./rules/ecr-repository-creation-template";
import { ecrRepositoryHardening } from "./rules/ecr-repository-hardening";
import { eksClusterHardening } from "./rules/eks-cluster-hardening";
import { elasticacheEncryption } from "./rules/elasticache-encryption";
import { helmReleaseNoSecret } from "./rules/helm-release-no-secret";
import { helmReleasePinned } from "./rules/helm-release-pinned";
import { iamNoWildcardAdmin } from "./rules/iam-no-wildcard-admin";
import { ingressOpenToWorld } from "./rules/ingress-open-to-world";
import { kmsKeyRotation } from "./rules/kms-key-rotation";
import { kubernetesJobHardening } from "./rules/kubernetes-job-hardening";
import { kubernetesNamespacePodSecurity } from "./rules/kubernetes-namespace-pod-security";
import { kubernetesNetworkPolicyScoped } from "./rules/kubernetes-network-policy-scoped";
import { kubernetesRbacLeastPrivilege } from "./rules/kubernetes-rbac-least-privilege";
import { kubernetesSecretWriteOnly } from "./rules/kubernetes-secret-write-only";
import { kubernetesStorageEncrypted } from "./rules/kubernetes-storage-encrypted";
import { launchTemplateImdsv2 } from "./rules/launch-template-imdsv2";
import { loadBalancerHardening } from "./rules/load-balancer-hardening";
import { logGroupEncryption } from "./rules/log-group-encryption";
import { prefixListOpenToWorld } from "./rules/prefix-list-open-to-world";
import { rdsClusterProtection } from "./rules/rds-cluster-protection";
import { route53FailoverHealthCheck } from "./rules/route53-failover-health-check";
import { route53HealthCheck } from "./rules/route53-health-check";
import { route53RecordSingleOwner } from "./rules/route53-record-single-owner";
import { s3BucketForceDestroy } from "./rules/s3-bucket-force-destroy";
import { serviceTrustConditions } from "./rules/service-trust-conditions";
import { snsTopicEncryption } from "./rules/sns-topic-encryption";
import { wafLogging } from "./rules/waf-logging";
import { wafWebAclRules } from "./rules/waf-web-acl-rules";
import { webIdentityTrust } from "./rules/web-identity-trust";
import { type Suppression, suppressionOf } from "./suppressions";

/** Every rule titan's stacks are held to. */
export const TITAN_RULES: readonly PolicyRule[] = [
  codebuildPrivilegedMode,
  logGroupEncryption,
  rdsClusterProtection,
  launchTemplateImdsv2,
  ingressOpenToWorld,
  ecrRepositoryHardening,
  ecrPullThroughCacheUpstream,
  ecrRepositoryCreationTemplate,
  snsTopicEncryption,
  elasticacheEncryption,
  s3BucketForceDestroy,
  kmsKeyRotation,
  eksClusterHardening,
  loadBalancerHardening,
  helmReleasePinned,
  helmReleaseNoSecret,
  kubernetesSecretWriteOnly,
  kubernetesStorageEncrypted,
  kubernetesJobHardening,
  kubernetesNamespacePodSecurity,
  kubernetesRbacLeastPrivilege,
  kubernetesNetworkPolicyScoped,
  cloudFrontWebAcl,
  cloudFrontViewerTls,
  cloudFrontAccessLogging,
  cloudFrontOriginTls,
  cloudFrontResponseHeaders,
  cloudFrontOriginGroupReadOnly,
  wafWebAclRules,
  wafLogging,
  route53FailoverHealthCheck,
  route53HealthCheck,
  route53RecordSingleOwner,
  prefixListOpenToWorld,
  iamNoWildcardAdmin,
  serviceTrustConditions,
  webIdentityTrust,
  backupVaultLock,
];

/** A non-compliant resource: an error unless a suppression with a reason covers it. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly constructPath: string;
  readonly resourceType: string;
  readonly message: string;
  readonly suppression?: Suppression;
}

/** Every rule's result on every resource it applies to, for the report of `npm run policy`. */
export interface PolicyVerdict {
  readonly ruleId: string;
  readonly stack: string;
  readonly constructPath: string;
  readonly result: RuleResult;
  readonly suppression?: Suppression;
}

/** The verdicts of `rules` on one synthesized resource (the rules that apply to its type). */
export function evaluate(
  rules: readonly PolicyRule[],
  resource: SynthesizedResource,
  context: RuleContext,
): { rule: PolicyRule; result: RuleResult }[] {
  return rules
    .filter((rule) => rule.resourceTypes.includes(resource.type))
    .map((rule) => ({ rule, result: rule.check(resource, context) }));
}

/**
 * The rules as a cdktf aspect. Each finding becomes an annotation on the resource's construct:
 * an error (`[<rule id>] <message>`), or an info naming the suppression and its reason. Visiting
 * is idempotent (cdktf invokes aspects on every `Testing.synth` and again at `app.synth`), so a
 * resource is judged and annotated once.
 */
export class PolicyPack implements IAspect {
  private readonly judged = new Map<IConstruct, PolicyFinding[]>();
  private readonly allVerdicts: PolicyVerdict[] = [];
  private readonly rendered = new RenderedResources();

  constructor(readonly rules: readonly PolicyRule[] = TITAN_RULES) {}

  /** Every finding so far, suppressed ones included. */
  get findings(): PolicyFinding[] {
    return [...this.judged.values()].flat();
  }

  /** Every verdict so far: compliant, not applicable and non-compliant. */
  get verdicts(): readonly PolicyVerdict[] {
    return this.allVerdicts;
  }

  visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      this.rendered.invalidate(node);
      return;
    }
    if (!TerraformResource.isTerraformResource(node) || this.judged.has(node)) {
      return;
    }
    const applicable = this.rules.filter((rule) => rule.resourceTypes.includes(node.terraformResourceType));
    const resource = applicable.length > 0 ? this.rendered.of(node) : undefined;
    const results = resource ? evaluate(applicable, resource, this.rendered.contextOf(node)) : [];
    const stack = TerraformStack.of(node).node.id;
    for (const { rule, result } of results) {
      const suppression = result.status === "non-compliant" ? suppressionOf(node, rule.id) : undefined;
      this.allVerdicts.push({ ruleId: rule.id, stack, constructPath: node.node.path, result, suppression });
    }
    const findings = results.flatMap(({ rule, result }) =>
      result.status === "non-compliant"
        ? [
            {
              ruleId: rule.id,
              title: rule.title,
              constructPath: node.node.path,
              resourceType: node.terraformResourceType,
              message: result.message,
              suppression: suppressionOf(node, rule.id),
            },
          ]
        : [],
    );
    this.judged.set(node, findings);
    for (const finding of findings) {
      const annotations = Annotations.of(node);
      if (finding.suppression) {
        const { reason, constructPath } = finding.suppression;
        const where = constructPath === finding.constructPath ? "" : ` at ${constructPath}`;
        annotations.addInfo(`[${finding.ruleId}] suppressed${where}: ${reason} (rule: ${finding.title})`);
      } else {
        annotations.addError(`[${finding.ruleId}] ${finding.message}`);
      }
    }
  }
}

/**
 * Applies `rules` to every stack under `app` and returns the pack.
 *
 * cdktf 0.21 runs aspects stack by stack, starting at each stack: an aspect added only to the app
 * is never invoked. So the pack goes on each stack (call this after the stacks exist) and on the
 * app, where {@link checkPolicy} finds it.
 */
export function applyPolicy(app: IConstruct, rules: readonly PolicyRule[] = TITAN_RULES): PolicyPack {
  const stacks = app.node.findAll().filter((node) => TerraformStack.isStack(node));
  if (stacks.length === 0) {
    throw new Error(
      `applyPolicy: "${app.node.path || "(app)"}" has no stacks yet; apply the policy after building them`,
    );
  }
  const pack = new PolicyPack(rules);
  Aspects.of(app).add(pack);
  for (const stack of stacks) {
    Aspects.of(stack).add(pack);
  }
  return pack;
}
