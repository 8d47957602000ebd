import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigFileError, ConfigValidationError, loadConfigFile } from "../../src/config";

const dir = mkdtempSync(join(tmpdir(), "titan-config-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("loadConfigFile", () => {
  it("reads a JSON override and merges it over the defaults", () => {
    const config = loadConfigFile(file("ok.json", JSON.stringify({ web: { runtime: "ec2" } })));
    expect(config.web.runtime).toBe("ec2");
    expect(config.regions.primary.region).toBe("us-east-2");
  });

  it("names a missing file in one line", () => {
    const missing = join(dir, "missing.json");
    expect(() => loadConfigFile(missing)).toThrow(ConfigFileError);
    expect(() => loadConfigFile(missing)).toThrow(`titan: cannot use config file "${missing}": no such file`);
  });

  it("names an unparsable file in one line", () => {
    const broken = file("broken.json", "{ web: ");
    expect(() => loadConfigFile(broken)).toThrow(
      /^titan: cannot use config file ".*broken\.json": not valid JSON \([^\n]*\)$/,
    );
  });

  it("names the file in a validation error", () => {
    const bad = file("bad.json", JSON.stringify({ web: { runtime: "lambda" } }));
    expect(() => loadConfigFile(bad)).toThrow(ConfigValidationError);
    expect(() => loadConfigFile(bad)).toThrow(/the config \(.*bad\.json\) has 1 problem:\n {2}- web\.runtime: /);
  });
});
