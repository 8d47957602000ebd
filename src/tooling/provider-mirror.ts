/**
 * Provider-mirror discovery: which filesystem mirror this machine has, and
 * which providers it can actually serve on this platform. Lets the same
 * project run on an air-gapped machine with a mirror and on a machine with
 * registry access and none, without per-user setup.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Set to a directory to force that mirror, or to `none` to ignore all mirrors. */
export const MIRROR_ENV_VAR = "TITAN_PROVIDER_MIRROR";

/**
 * Terraform's `<os>_<arch>` target for this machine, because a mirror entry
 * is only useful if it holds a build for the platform we run on.
 */
export function currentPlatform(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const archMap: Record<string, string> = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" };
  return `${os}_${archMap[process.arch] ?? process.arch}`;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function subdirectories(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() || (e.isSymbolicLink() && isDirectory(path.join(dir, e.name))))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function fileNames(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * True when `<typeDir>` holds a build for `platform`, in either of the two
 * layouts Terraform accepts for a filesystem mirror: unpacked
 * (`<version>/<os_arch>/`) or packed (`terraform-provider-<type>_<version>_<os_arch>.zip`).
 */
function hasBuildFor(typeDir: string, type: string, platform: string): boolean {
  const unpacked = subdirectories(typeDir).some((version) => isDirectory(path.join(typeDir, version, platform)));
  if (unpacked) {
    return true;
  }
  const prefix = `terraform-provider-${type}_`;
  const suffix = `_${platform}.zip`;
  return fileNames(typeDir).some((name) => name.startsWith(prefix) && name.endsWith(suffix));
}

/**
 * Provider source addresses a mirror can actually serve on `platform`.
 * Listing only these in `filesystem_mirror.include` (and excluding them from
 * `direct`) lets every other provider still come from the registry, instead
 * of Terraform failing with "no available releases" for anything the mirror
 * lacks.
 */
export function mirroredProviders(mirrorDir: string, platform: string = currentPlatform()): string[] {
  const found: string[] = [];
  for (const host of subdirectories(mirrorDir)) {
    for (const namespace of subdirectories(path.join(mirrorDir, host))) {
      for (const type of subdirectories(path.join(mirrorDir, host, namespace))) {
        if (hasBuildFor(path.join(mirrorDir, host, namespace, type), type, platform)) {
          found.push(`${host}/${namespace}/${type}`);
        }
      }
    }
  }
  return found.sort();
}

/**
 * Places a provider mirror is commonly unpacked to. The last four are also
 * Terraform's implicit mirror directories; naming them explicitly keeps
 * behaviour identical once our config disables the implicit lookup.
 */
export function wellKnownMirrorDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs = ["/opt/tf-plugins", "/usr/share/terraform/plugins", "/usr/local/share/terraform/plugins"];
  const home = env.HOME;
  if (home) {
    dirs.push(path.join(home, ".terraform.d", "plugins"), path.join(home, ".local", "share", "terraform", "plugins"));
  }
  return dirs;
}

/**
 * Chooses the filesystem mirror for this machine so offline machines work
 * without per-user setup. An explicit `TITAN_PROVIDER_MIRROR` wins (and is
 * validated loudly, since a typo would otherwise silently fall back to the
 * network); `TITAN_PROVIDER_MIRROR=none` simulates a registry-only machine.
 *
 * @param candidates - directories probed in order when no override is set.
 * @throws Error when `TITAN_PROVIDER_MIRROR` is set but is not a directory.
 */
export function findProviderMirror(
  env: NodeJS.ProcessEnv,
  candidates: readonly string[] = wellKnownMirrorDirs(env),
): string | undefined {
  const override = env[MIRROR_ENV_VAR];
  if (override !== undefined && override !== "") {
    if (override === "none") {
      return undefined;
    }
    const resolved = path.resolve(override);
    if (!isDirectory(resolved)) {
      throw new Error(
        `${MIRROR_ENV_VAR} is set to "${override}", which is not a directory. ` +
          `Point it at a Terraform filesystem mirror (<host>/<namespace>/<type>/...), ` +
          `set it to "none" to use the registry, or unset it to auto-detect.`,
      );
    }
    return resolved;
  }
  return candidates.find((dir) => isDirectory(dir) && mirroredProviders(dir).length > 0);
}
