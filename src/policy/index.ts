export { applyPolicy, evaluate, type PolicyFinding, PolicyPack, TITAN_RULES } from "./pack";
export { checkPolicy, formatFinding, formatViolations, type PolicyReport } from "./report";
export type { Attributes, PolicyRule, RuleResult, SynthesizedResource } from "./rule";
export { MIN_REASON_LENGTH, type Suppression, suppressionOf, suppressRule } from "./suppressions";
