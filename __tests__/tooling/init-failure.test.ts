import { classifyInitFailure, describeUnavailable } from "../../src/tooling/init-failure";
import { AWS } from "./fixtures";

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
