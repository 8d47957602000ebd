export { applyPolicy, evaluate, type PolicyFinding, PolicyPack, type PolicyVerdict, TITAN_RULES } from "./pack";
export { contextFromStackJson } from "./rendered";
export { checkPolicy, formatFinding, formatViolations, type PolicyReport } from "./report";
export type {
  Attributes,
  ExternalCheck,
  Mirrors,
  PolicyRule,
  RuleContext,
  RuleResult,
  Severity,
  SynthesizedResource,
} from "./rule";
export { MIN_REASON_LENGTH, type Suppression, suppressionOf, suppressRule } from "./suppressions";
export { formatPolicyReport } from "./verdict-report";
