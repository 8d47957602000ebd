/**
 * Terraform state (format v4) for plan-level specs: what a previous apply left in the account, so
 * an offline plan shows the update a config change would send rather than a first create.
 */
import { randomUUID } from "node:crypto";

const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

/** One managed resource as a previous apply recorded it. */
export interface SeededResource {
  readonly type: string;
  /** The resource's name in the synthesized JSON (its logical id). */
  readonly logicalId: string;
  /** The provider's schema version for the type (`terraform providers schema -json`). @default 0 */
  readonly schemaVersion?: number;
  /** Attribute values as the provider stores them: nested blocks are lists of objects. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A state holding exactly `resources`, ready to write as `terraform.tfstate`. */
export function priorState(resources: readonly SeededResource[]): object {
  return {
    version: 4,
    terraform_version: "1.11.0",
    serial: 1,
    lineage: randomUUID(),
    outputs: {},
    resources: resources.map((resource) => ({
      mode: "managed",
      type: resource.type,
      name: resource.logicalId,
      provider: AWS_PROVIDER,
      instances: [
        {
          schema_version: resource.schemaVersion ?? 0,
          attributes: resource.attributes,
          sensitive_attributes: [],
        },
      ],
    })),
  };
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The synthesized resources of `type`, by logical id. */
export function resourcesIn(stackJson: unknown, type: string): Record<string, Record<string, unknown>> {
  return (stackJson as { resource?: Blocks }).resource?.[type] ?? {};
}

/** The logical id of the one resource of `type` whose config passes `match`. */
export function logicalIdOf(
  stackJson: unknown,
  type: string,
  match: (config: Record<string, unknown>) => boolean = () => true,
): string {
  const ids = Object.entries(resourcesIn(stackJson, type))
    .filter(([, config]) => match(config))
    .map(([id]) => id);
  if (ids.length !== 1) {
    throw new Error(`expected one ${type} matching, found ${ids.length}: ${ids.join(", ")}`);
  }
  return ids[0];
}
