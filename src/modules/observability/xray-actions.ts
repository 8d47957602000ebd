/**
 * What an X-Ray client needs: send segments and telemetry, and read the centralized sampling
 * rules (without those the SDK falls back to its local default and logs AccessDenied). IAM
 * authorizes these calls on `*` only: X-Ray has no resource-level permissions for them.
 */
export const XRAY_CLIENT_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
];
