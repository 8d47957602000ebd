/** Shared fixtures for the tooling specs: provider addresses and throwaway provider mirrors. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { currentPlatform } from "../../src/tooling/provider-mirror";

export const AWS = "registry.terraform.io/hashicorp/aws";
export const PLATFORM = currentPlatform();
const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by {@link removeTempDirs}. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `titan-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory made by {@link tempDir}; register with `afterAll(removeTempDirs)`. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds a fake mirror: unpacked `<addr>/<version>/<platform>/` dirs or packed zips. */
export function fakeMirror(
  entries: readonly { address: string; version: string; platform?: string; packed?: boolean }[],
): string {
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
