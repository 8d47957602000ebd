import * as os from "node:os";
import * as path from "node:path";
import { findProviderMirror, mirroredProviders } from "../../src/tooling/provider-mirror";
import { AWS, fakeMirror, removeTempDirs, tempDir } from "./fixtures";

afterAll(removeTempDirs);

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
