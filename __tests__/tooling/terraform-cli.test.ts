import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  currentPlatform,
  findProviderMirror,
  mirroredProviders,
  renderCliConfig,
  terraformEnv,
  writeCliConfig,
} from "../../src/tooling/terraform-cli";
import {
  classifyInitFailure,
  constructPathFor,
  describeUnavailable,
  exitCodeFor,
  formatDiagnostic,
  formatSummary,
  normalizeProviderAddress,
  parseValidateJson,
  providersOutsideMirror,
  requiredProviders,
} from "../../src/tooling/validate-report";

const AWS = "registry.terraform.io/hashicorp/aws";
const PLATFORM = currentPlatform();
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `titan-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Builds a fake mirror: unpacked `<addr>/<version>/<platform>/` dirs or packed zips. */
function fakeMirror(entries: readonly { address: string; version: string; platform?: string; packed?: boolean }[]) {
  const root = tempDir("mirror");
  for (const e of entries) {
    const platform = e.platform ?? PLATFORM;
    const typeDir = path.join(root, e.address);
    if (e.packed) {
      fs.mkdirSync(typeDir, { recursive: true });
      const type = path.basename(e.address);
      fs.writeFileSync(path.join(typeDir, `terraform-provider-${type}_${e.version}_${platform}.zip`), "");
    } else {
      fs.mkdirSync(path.join(typeDir, e.version, platform), { recursive: true });
    }
  }
  return root;
}

afterAll(() => {
  for (const dir of tempDirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("renderCliConfig", () => {
  it("routes mirrored providers to the filesystem mirror and excludes them from direct", () => {
    const hcl = renderCliConfig({
      mirrorDir: "/opt/tf-plugins",
      mirroredProviders: [AWS, "registry.terraform.io/hashicorp/random"],
    });
    const list = '["registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/random"]';
    expect(hcl).toContain(`filesystem_mirror {\n    path    = "/opt/tf-plugins"\n    include = ${list}\n  }`);
    expect(hcl).toContain(`direct {\n    exclude = ${list}\n  }`);
    expect(hcl).not.toContain("plugin_cache_dir");
  });

  it("falls back to a plain direct block without a mirror", () => {
    const hcl = renderCliConfig({ mirroredProviders: [] });
    expect(hcl).toContain("provider_installation {\n  direct {}\n}");
    expect(hcl).not.toContain("filesystem_mirror");
  });

  it("treats a mirror that serves nothing as no mirror", () => {
    const hcl = renderCliConfig({ mirrorDir: "/empty", mirroredProviders: [] });
    expect(hcl).not.toContain("filesystem_mirror");
    expect(hcl).toContain("direct {}");
  });

  it("adds the plugin cache, with the lock-file opt-in that makes Terraform actually reuse it", () => {
    const hcl = renderCliConfig({ mirroredProviders: [], pluginCacheDir: "/p/.terraform-cli/plugin-cache" });
    expect(hcl).toContain('plugin_cache_dir = "/p/.terraform-cli/plugin-cache"');
    expect(hcl).toContain("plugin_cache_may_break_dependency_lock_file = true");
  });

  it("escapes quotes and backslashes in paths", () => {
    const hcl = renderCliConfig({ mirroredProviders: [], pluginCacheDir: '/a/"b"/c\\d' });
    expect(hcl).toContain('plugin_cache_dir = "/a/\\"b\\"/c\\\\d"');
  });

  it("refuses paths containing $, which Terraform would expand as environment variables", () => {
    expect(() => renderCliConfig({ mirrorDir: "/m/$HOME", mirroredProviders: [AWS] })).toThrow(
      "Terraform expands $VARIABLES in these paths",
    );
  });
});

describe("mirroredProviders", () => {
  it("lists providers with a build for this platform, in both mirror layouts", () => {
    const mirror = fakeMirror([
      { address: AWS, version: "5.100.0" },
      { address: "registry.terraform.io/hashicorp/random", version: "3.6.0", packed: true },
      { address: "example.com/acme/widget", version: "1.0.0", platform: "plan9_mips" },
    ]);
    expect(mirroredProviders(mirror)).toEqual([AWS, "registry.terraform.io/hashicorp/random"]);
    expect(mirroredProviders(mirror, "plan9_mips")).toEqual(["example.com/acme/widget"]);
  });

  it("returns nothing for a missing or empty directory", () => {
    expect(mirroredProviders(path.join(os.tmpdir(), "titan-does-not-exist"))).toEqual([]);
    expect(mirroredProviders(tempDir("empty"))).toEqual([]);
  });
});

describe("findProviderMirror", () => {
  it("uses TITAN_PROVIDER_MIRROR when it is a directory", () => {
    const mirror = fakeMirror([{ address: AWS, version: "5.100.0" }]);
    expect(findProviderMirror({ TITAN_PROVIDER_MIRROR: mirror })).toBe(mirror);
  });

  it("fails clearly when TITAN_PROVIDER_MIRROR is not a directory", () => {
    const missing = path.join(tempDir("gone"), "nope");
    expect(() => findProviderMirror({ TITAN_PROVIDER_MIRROR: missing })).toThrow(
      `TITAN_PROVIDER_MIRROR is set to "${missing}", which is not a directory`,
    );
  });

  it("TITAN_PROVIDER_MIRROR=none disables mirrors", () => {
    const mirror = fakeMirror([{ address: AWS, version: "5.100.0" }]);
    expect(findProviderMirror({ TITAN_PROVIDER_MIRROR: "none" }, [mirror])).toBeUndefined();
  });

  it("picks the first well-known location that actually holds a provider", () => {
    const empty = tempDir("empty");
    const missing = path.join(empty, "missing");
    const mirror = fakeMirror([{ address: AWS, version: "5.100.0" }]);
    expect(findProviderMirror({}, [missing, empty, mirror])).toBe(mirror);
    expect(findProviderMirror({}, [missing, empty])).toBeUndefined();
  });
});

describe("writeCliConfig", () => {
  it("writes the config atomically and idempotently", () => {
    const projectRoot = tempDir("project");
    const mirror = fakeMirror([{ address: AWS, version: "5.100.0" }]);
    const env = { TITAN_PROVIDER_MIRROR: mirror };

    const first = writeCliConfig({ projectRoot, env, pluginCache: true });
    expect(first).toEqual({
      path: path.join(projectRoot, ".terraform-cli", "titan.tfrc"),
      mirrorDir: mirror,
      mirroredProviders: [AWS],
      pluginCacheDir: path.join(projectRoot, ".terraform-cli", "plugin-cache"),
    });
    expect(fs.statSync(first.pluginCacheDir ?? "").isDirectory()).toBe(true);
    const content = fs.readFileSync(first.path, "utf8");
    expect(content).toContain(`include = ["${AWS}"]`);

    const mtime = fs.statSync(first.path).mtimeMs;
    expect(writeCliConfig({ projectRoot, env, pluginCache: true })).toEqual(first);
    expect(fs.statSync(first.path).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(path.dirname(first.path)).sort()).toEqual(["plugin-cache", "titan.tfrc"]);
  });

  it("uses direct installation when no mirror is available", () => {
    const projectRoot = tempDir("project");
    const written = writeCliConfig({ projectRoot, env: { TITAN_PROVIDER_MIRROR: "none" }, pluginCache: false });
    expect(written.mirrorDir).toBeUndefined();
    expect(written.pluginCacheDir).toBeUndefined();
    expect(fs.readFileSync(written.path, "utf8")).toContain("direct {}");
  });
});

describe("terraformEnv", () => {
  it("points Terraform at the config and drops variables that would override it", () => {
    const input = { PATH: "/bin", TF_PLUGIN_CACHE_DIR: "/home/me/cache", TF_CLI_ARGS_init: "-upgrade" };
    const env = terraformEnv("/p/.terraform-cli/titan.tfrc", input);
    expect(env).toEqual({
      PATH: "/bin",
      TF_CLI_CONFIG_FILE: "/p/.terraform-cli/titan.tfrc",
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    });
    expect(input.TF_PLUGIN_CACHE_DIR).toBe("/home/me/cache");
  });
});

/** The real check: Terraform accepts the written config and installs aws 5.100.0 from this machine's mirror. */
describe("terraform init through the written config", () => {
  const terraformFound = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
  let mirror: string | undefined;
  try {
    mirror = findProviderMirror(process.env);
  } catch {
    mirror = undefined;
  }
  const ready = terraformFound && mirror !== undefined && mirroredProviders(mirror).includes(AWS);
  if (!ready) {
    console.warn(
      "\n!!! SKIPPING the real `terraform init` tests: " +
        (terraformFound ? "no provider mirror with hashicorp/aws on this machine" : "terraform is not on PATH") +
        " (set TITAN_PROVIDER_MIRROR to a mirror to run them).\n",
    );
  }
  const realTest = ready ? test : test.skip;

  function initAws(projectRoot: string, pluginCache: boolean): string {
    const workDir = tempDir("init");
    const awsOnly = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } } };
    fs.writeFileSync(path.join(workDir, "main.tf.json"), JSON.stringify(awsOnly));
    const cli = writeCliConfig({ projectRoot, env: process.env, pluginCache });
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
      cwd: workDir,
      env: terraformEnv(cli.path, process.env),
      encoding: "utf8",
    });
    expect({ status: init.status, stderr: init.stderr }).toEqual({ status: 0, stderr: "" });
    const installed = path.join(workDir, ".terraform", "providers", AWS, "5.100.0", PLATFORM);
    expect(fs.existsSync(path.join(installed, `terraform-provider-aws_v5.100.0_x5`))).toBe(true);
    return init.stdout;
  }

  realTest("installs hashicorp/aws 5.100.0 from the mirror", () => {
    expect(initAws(tempDir("project"), false)).toContain("Installed hashicorp/aws v5.100.0");
  });

  realTest("second init reuses the plugin cache even without a lock file", () => {
    const projectRoot = tempDir("project");
    initAws(projectRoot, true);
    expect(initAws(projectRoot, true)).toContain("Using hashicorp/aws v5.100.0 from the shared cache directory");
  });
});

// Real `terraform init` stderr (Terraform 1.11.4, -no-color), captured offline with the mirror holding only aws.
const OFFLINE_HELM_AND_KUBERNETES = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/helm: could not connect to registry.terraform.io: failed to request
discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host

To see which modules are currently depending on hashicorp/helm and what
versions are specified, run the following command:
    terraform providers

Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/kubernetes: could not connect to registry.terraform.io: failed to
request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host

To see which modules are currently depending on hashicorp/kubernetes and what
versions are specified, run the following command:
    terraform providers
`;

const VERSION_NOT_IN_MIRROR = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/aws:
no available releases match the given constraints 5.99.0

To see which modules are currently depending on hashicorp/aws and what
versions are specified, run the following command:
    terraform providers
`;

const INVALID_CONFIGURATION = `
Error: Terraform encountered problems during initialisation, including problems
with the configuration, described below.

The Terraform configuration must be valid before initialization so that
Terraform can determine which modules and providers need to be installed.


Error: Unsuitable value type

  on cdk.tf.json line 34, in resource.aws_s3_bucket.bucket.lifecycle:
  34:           "prevent_destroy": "notabool"

Unsuitable value: a bool is required
`;

// Wording from Terraform's init.go for cases not reproducible offline.
const UNKNOWN_PROVIDER = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/awz:
provider registry registry.terraform.io does not have a provider named
registry.terraform.io/hashicorp/awz
`;

const DOWNLOAD_TIMEOUT = `
Error: Failed to install provider

Error while installing hashicorp/helm v3.1.1: Get
"https://releases.hashicorp.com/terraform-provider-helm/3.1.1/terraform-provider-helm_3.1.1_linux_amd64.zip":
net/http: TLS handshake timeout
`;

const CACHE_RACE = `
Error: Failed to install provider from shared cache

Error while importing hashicorp/aws v5.100.0 from the shared cache directory:
the provider cache at .terraform/providers has a copy of
registry.terraform.io/hashicorp/aws 5.100.0 that doesn't match any of the
checksums recorded in the dependency lock file.
`;

describe("classifyInitFailure", () => {
  it("reports offline providers as not installable, with a one-line reason", () => {
    const failure = classifyInitFailure(OFFLINE_HELM_AND_KUBERNETES, [AWS]);
    expect(failure).toEqual({
      kind: "providers-unavailable",
      providers: [
        { provider: "hashicorp/helm", reason: "registry.terraform.io unreachable (DNS lookup failed)" },
        { provider: "hashicorp/kubernetes", reason: "registry.terraform.io unreachable (DNS lookup failed)" },
      ],
    });
    if (failure.kind !== "providers-unavailable") {
      throw new Error("unreachable");
    }
    expect(describeUnavailable(failure.providers)).toBe(
      "cannot install hashicorp/helm, hashicorp/kubernetes: registry.terraform.io unreachable (DNS lookup failed)",
    );
  });

  it("treats a version missing from the mirror as not installable, but not from the registry", () => {
    expect(classifyInitFailure(VERSION_NOT_IN_MIRROR, [AWS])).toEqual({
      kind: "providers-unavailable",
      providers: [{ provider: "hashicorp/aws", reason: "provider mirror has no release matching 5.99.0" }],
    });
    expect(classifyInitFailure(VERSION_NOT_IN_MIRROR, []).kind).toBe("error");
  });

  it("recognises download failures as not installable", () => {
    expect(classifyInitFailure(DOWNLOAD_TIMEOUT)).toEqual({
      kind: "providers-unavailable",
      providers: [{ provider: "hashicorp/helm", reason: "download failed (timed out)" }],
    });
  });

  it("reports configuration errors found by init as an invalid configuration, without the preamble", () => {
    const failure = classifyInitFailure(INVALID_CONFIGURATION);
    expect(failure.kind).toBe("invalid-configuration");
    if (failure.kind !== "invalid-configuration") {
      throw new Error("unreachable");
    }
    expect(failure.message).toMatch(/^Error: Unsuitable value type\n/);
    expect(failure.message).not.toContain("encountered problems");
  });

  it.each([
    ["an unknown provider", UNKNOWN_PROVIDER],
    ["a plugin cache race", CACHE_RACE],
    ["a mix of offline and real errors", OFFLINE_HELM_AND_KUBERNETES + CACHE_RACE],
    ["output without an Error block", "something went wrong"],
  ])("treats %s as a real init failure", (_name, stderr) => {
    expect(classifyInitFailure(stderr, [AWS]).kind).toBe("error");
  });
});

// Real `terraform validate -json` output (trimmed snippet), for a cdktf stack with an unknown argument.
const VALIDATE_INVALID = JSON.stringify({
  format_version: "1.0",
  valid: false,
  error_count: 1,
  warning_count: 1,
  diagnostics: [
    {
      severity: "error",
      summary: "Extraneous JSON object property",
      detail: 'No argument or block type is named "bogus_argument".',
      range: { filename: "cdk.tf.json", start: { line: 40, column: 9, byte: 800 }, end: { line: 40, column: 25 } },
      snippet: { context: "resource.aws_s3_bucket.bucket", code: "...", start_line: 40 },
    },
    {
      severity: "warning",
      summary: "Deprecated attribute",
      detail: "Use something else.\n\nIt will be removed.",
      address: "aws_s3_bucket.bucket",
    },
  ],
});

const STACK_JSON = {
  terraform: {
    required_providers: {
      aws: { source: "aws", version: "5.100.0" },
      helm: { source: "helm", version: "3.1.1" },
      k8s: { source: "hashicorp/kubernetes", version: "2.38.0" },
    },
  },
  resource: { aws_s3_bucket: { bucket: { "//": { metadata: { path: "primary/bucket", uniqueId: "bucket" } } } } },
};

describe("validate -json parsing and formatting", () => {
  it("parses validity, counts and diagnostics", () => {
    const result = parseValidateJson(VALIDATE_INVALID);
    expect(result.valid).toBe(false);
    expect(result.errorCount).toBe(1);
    expect(result.warningCount).toBe(1);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["error", "warning"]);
  });

  it("formats a diagnostic with construct path, address and file position", () => {
    const [error, warning] = parseValidateJson(VALIDATE_INVALID).diagnostics;
    expect(formatDiagnostic(error, STACK_JSON)).toEqual([
      "error: Extraneous JSON object property",
      "  at construct primary/bucket, resource.aws_s3_bucket.bucket, cdk.tf.json:40:9",
      '  No argument or block type is named "bogus_argument".',
    ]);
    expect(formatDiagnostic(warning)).toEqual([
      "warning: Deprecated attribute",
      "  at aws_s3_bucket.bucket",
      "  Use something else.",
      "  It will be removed.",
    ]);
  });

  it("rejects output that is not a validate result", () => {
    expect(() => parseValidateJson("")).toThrow("terraform validate did not print JSON: (empty output)");
    expect(() => parseValidateJson('{"format_version":"1.0"}')).toThrow("without a boolean 'valid' field");
  });

  it("resolves construct paths only for resources and data sources present in the stack", () => {
    expect(constructPathFor(STACK_JSON, "resource.aws_s3_bucket.bucket")).toBe("primary/bucket");
    expect(constructPathFor(STACK_JSON, "resource.aws_s3_bucket.other")).toBeUndefined();
    expect(constructPathFor(STACK_JSON, "output.arn")).toBeUndefined();
  });
});

describe("provider prediction", () => {
  it("normalizes provider sources like Terraform does", () => {
    expect(normalizeProviderAddress("aws")).toBe(AWS);
    expect(normalizeProviderAddress("hashicorp/aws")).toBe(AWS);
    expect(normalizeProviderAddress("Registry.Terraform.io/HashiCorp/AWS")).toBe(AWS);
  });

  it("lists required providers the mirror does not serve", () => {
    const required = requiredProviders(STACK_JSON);
    expect(required).toEqual([
      AWS,
      "registry.terraform.io/hashicorp/helm",
      "registry.terraform.io/hashicorp/kubernetes",
    ]);
    expect(providersOutsideMirror(required, [AWS])).toEqual([
      "registry.terraform.io/hashicorp/helm",
      "registry.terraform.io/hashicorp/kubernetes",
    ]);
    expect(requiredProviders({})).toEqual([]);
  });
});

describe("summary and exit code", () => {
  const outcomes = [
    { stack: "primary", result: "valid", seconds: 3.04 },
    { stack: "primary-k8s", result: "not validated", seconds: 0.5 },
  ] as const;

  it("prints a table and how many stacks were validated", () => {
    expect(formatSummary(outcomes)).toBe(
      [
        "stack        result         seconds",
        "-----------  -------------  -------",
        "primary      valid              3.0",
        "primary-k8s  not validated      0.5",
        "",
        "1 of 2 stacks validated (1 valid, 0 invalid, 1 not validated, 0 init failed)",
      ].join("\n"),
    );
  });

  it("fails on uninstallable providers only with --strict, and always on invalid stacks", () => {
    expect(exitCodeFor(outcomes, false)).toBe(0);
    expect(exitCodeFor(outcomes, true)).toBe(1);
    expect(exitCodeFor([{ stack: "dr", result: "invalid", seconds: 1 }], false)).toBe(1);
    expect(exitCodeFor([{ stack: "dr", result: "init failed", seconds: 1 }], false)).toBe(1);
  });
});
