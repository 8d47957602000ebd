/** The pinned aws provider's resource schemas, as `terraform providers schema -json` reports them. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cliConfigPath, terraformEnv } from "../../../src/tooling/terraform-cli";

export const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";
export const AWS_VERSION = "5.100.0";

export type CtyType = string | [string, unknown];
export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly optional?: boolean;
  readonly computed?: boolean;
}
export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>;
}
export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

/** The aws provider's resource schemas, read once per test file. */
let awsSchemas: Record<string, ResourceSchema> | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `terraform providers schema -json` of the pinned aws provider, from the project's CLI config. */
export function loadAwsSchemas(): Record<string, ResourceSchema> {
  if (awsSchemas) {
    return awsSchemas;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "titan-schema-"));
  try {
    const config = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: AWS_VERSION } } } };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
    const env = terraformEnv(cliConfigPath(path.resolve(__dirname, "..", "..", "..")), process.env);
    const run = (args: string[]) =>
      spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 30 });
    const init = run(["init", "-backend=false", "-input=false", "-no-color"]);
    if (init.status !== 0) {
      throw new Error(`terraform init for the aws schema failed:\n${init.stderr}`);
    }
    const schema = run(["providers", "schema", "-json"]);
    if (schema.status !== 0) {
      throw new Error(`terraform providers schema failed:\n${schema.stderr}`);
    }
    awsSchemas = JSON.parse(schema.stdout).provider_schemas[AWS_PROVIDER].resource_schemas;
    return awsSchemas as Record<string, ResourceSchema>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
