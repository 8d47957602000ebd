/**
 * The TargetGroupBinding fields the chart uses, as the AWS Load Balancer Controller's CRD
 * (elbv2.k8s.aws/v1beta1) defines them. No package ships this CRD's schema, so it is written here,
 * strict: a field the CRD does not know, or a value it would reject, fails the test.
 */
export const TARGET_GROUP_BINDING_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "elbv2.k8s.aws/v1beta1" },
    kind: { const: "TargetGroupBinding" },
    metadata: {
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 253 },
        namespace: { type: "string" },
        labels: { type: "object", additionalProperties: { type: "string", maxLength: 63 } },
      },
    },
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["targetGroupARN", "serviceRef"],
      properties: {
        targetGroupARN: {
          type: "string",
          pattern: "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$",
        },
        targetType: { enum: ["instance", "ip"] },
        serviceRef: {
          type: "object",
          additionalProperties: false,
          required: ["name", "port"],
          properties: {
            name: { type: "string", minLength: 1 },
            port: {
              anyOf: [
                { type: "integer", minimum: 1, maximum: 65535 },
                { type: "string", minLength: 1 },
              ],
            },
          },
        },
      },
    },
  },
} as const;
