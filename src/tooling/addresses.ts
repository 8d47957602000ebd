/**
 * The committed list of every stateful resource's Terraform address, per stack
 * (`stateful-addresses.json`), and the check that keeps it true.
 *
 * In cdktf a resource's address comes from its construct path: renaming or re-nesting a construct
 * changes the address, and Terraform then destroys the resource and creates an empty one. The
 * list makes every such change visible in review: the check fails until the author keeps the
 * address (`moveFromId`/`moveTo`, which write a `moved` block) or updates the list on purpose.
 *
 *   npm run addresses              check the list against the code (exit 1 on a difference)
 *   npm run addresses -- --write   regenerate it after a deliberate change
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { buildTitan } from "../app";
import { resolveConfig } from "../config";
import { isStatefulType } from "../stateful";

/** The list's file, at the project root. */
export const ADDRESS_LIST_FILE = "stateful-addresses.json";

/** The command that regenerates the list, quoted in every message. */
export const REGENERATE_COMMAND = "npm run addresses -- --write";

/**
 * Configs whose stacks are listed together: the defaults, and every switch that adds stateful
 * resources of its own. Addresses do not depend on other config values (construct ids are fixed
 * literals), so these cover every address titan can create.
 */
export const ADDRESS_VARIANTS: Readonly<Record<string, object>> = {
  defaults: {},
  "cache.globalDatastore": { cache: { globalDatastore: true, nodeType: "cache.r6g.large" } },
  "web.runtime ec2 with spot nodes": { web: { runtime: "ec2" }, kubernetes: { spot: { enabled: true } } },
};

/** Per stack, each stateful address and the construct path behind it. */
export type AddressList = Record<string, Record<string, string>>;

/** A `moved` block of a stack: Terraform moves the state at `from` to `to` instead of replacing. */
export interface MovedBlock {
  readonly stack: string;
  readonly from: string;
  readonly to: string;
}

/** The addresses the code creates now, over every variant, and the moved blocks it declares. */
export interface CurrentAddresses {
  readonly list: AddressList;
  readonly moved: readonly MovedBlock[];
}

type StackJson = {
  readonly resource?: Record<
    string,
    Record<string, { readonly "//"?: { readonly metadata?: { readonly path?: string } } }>
  >;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
};

/** A stack's stateful addresses (with their construct paths) and the moved blocks it declares. */
export function addressesOfStack(stack: TerraformStack): { addresses: Record<string, string>; moved: MovedBlock[] } {
  const json = stack.toTerraform() as StackJson;
  const addresses: Record<string, string> = {};
  for (const [type, byName] of Object.entries(json.resource ?? {}).filter(([t]) => isStatefulType(t))) {
    for (const [name, resource] of Object.entries(byName)) {
      addresses[`${type}.${name}`] = resource["//"]?.metadata?.path ?? "";
    }
  }
  const moved = (json.moved ?? []).map((block) => ({ stack: stack.node.id, from: block.from, to: block.to }));
  return { addresses, moved };
}

/** Reads the stateful addresses and moved blocks of every stack of the app built from each variant. */
export function currentAddresses(variants: Readonly<Record<string, object>> = ADDRESS_VARIANTS): CurrentAddresses {
  const list: AddressList = {};
  const moved: MovedBlock[] = [];
  for (const overrides of Object.values(variants)) {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "titan-addresses-")) });
    buildTitan(app, resolveConfig(overrides, "address list"));
    for (const stack of app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
      const found = addressesOfStack(stack);
      list[stack.node.id] = { ...list[stack.node.id], ...found.addresses };
      moved.push(...found.moved);
    }
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
  return { list: sortList(list), moved };
}

function sortList(list: AddressList): AddressList {
  return Object.fromEntries(
    Object.keys(list)
      .sort()
      .map((stack) => [stack, Object.fromEntries(Object.entries(list[stack]).sort(([a], [b]) => a.localeCompare(b)))]),
  );
}

/** One listed address the code no longer creates. */
export interface GoneAddress {
  readonly stack: string;
  readonly address: string;
  readonly constructPath: string;
  /** Where a `moved` block sends it, if one does. */
  readonly movedTo?: string;
  /** New addresses of the same type whose construct paths end most alike: where it probably went. */
  readonly candidates: readonly string[];
}

/** How many trailing path segments two construct paths share. */
function commonTail(a: string, b: string): number {
  const x = a.split("/").reverse();
  const y = b.split("/").reverse();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) {
    n++;
  }
  return n;
}

/** The new addresses of the same type whose construct paths share the longest tail with `constructPath`. */
function likelyTargets(address: string, constructPath: string, fresh: Readonly<Record<string, string>>): string[] {
  const type = address.split(".")[0];
  const sameType = Object.entries(fresh).filter(([a]) => a.startsWith(`${type}.`));
  const best = Math.max(0, ...sameType.map(([, p]) => commonTail(p, constructPath)));
  return sameType.filter(([, p]) => commonTail(p, constructPath) === best).map(([a]) => a);
}

/** The difference between the committed list and the code. */
export interface AddressDrift {
  readonly gone: readonly GoneAddress[];
  /** Stateful addresses the list does not hold: a new resource, or a moved one. */
  readonly added: readonly { readonly stack: string; readonly address: string; readonly constructPath: string }[];
}

/** Compares the committed list with the current addresses. */
export function compareAddresses(committed: AddressList, current: CurrentAddresses): AddressDrift {
  const stacks = [...new Set([...Object.keys(committed), ...Object.keys(current.list)])].sort();
  const gone: GoneAddress[] = [];
  const added: AddressDrift["added"][number][] = [];
  for (const stack of stacks) {
    const before = committed[stack] ?? {};
    const now = current.list[stack] ?? {};
    const fresh = Object.fromEntries(Object.entries(now).filter(([address]) => before[address] === undefined));
    for (const [address, constructPath] of Object.entries(fresh)) {
      added.push({ stack, address, constructPath });
    }
    for (const address of Object.keys(before).filter((a) => now[a] === undefined)) {
      gone.push({
        stack,
        address,
        constructPath: before[address],
        movedTo: current.moved.find((m) => m.stack === stack && m.from === address)?.to,
        candidates: likelyTargets(address, before[address], fresh),
      });
    }
  }
  return { gone, added };
}

function whereItWent(g: GoneAddress): string {
  if (g.movedTo) {
    return `a moved block sends it to ${g.movedTo}: the state moves, nothing is destroyed`;
  }
  if (g.candidates.length === 1) {
    return `now ${g.candidates[0]}: Terraform would DESTROY it and create an empty one unless that resource calls moveFromId("${g.address}")`;
  }
  if (g.candidates.length > 1) {
    return `now probably ${g.candidates.join(" or ")}: Terraform would DESTROY it and create an empty one`;
  }
  return "Terraform would DESTROY it";
}

function goneSection(gone: readonly GoneAddress[]): string[] {
  if (gone.length === 0) {
    return [];
  }
  return [
    `${gone.length} stateful resource(s) lost the address ${ADDRESS_LIST_FILE} records:`,
    ...gone.map((g) => `  - ${g.stack}: ${g.address} (construct ${g.constructPath}); ${whereItWent(g)}`),
    "  If the construct was renamed or re-nested, keep its state: on the new resource call",
    '  `resource.moveFromId("<old address>")` (cdktf writes a `moved` block), or pair `moveTo`/`addMoveTarget`.',
    "  Keep the moved block until every environment has applied it.",
  ];
}

/** The message a failing check prints: what changed, what Terraform would do, and what to do. */
export function formatDrift(drift: AddressDrift): string {
  const lines = goneSection(drift.gone);
  if (drift.added.length > 0) {
    lines.push(`${drift.added.length} stateful resource(s) are not in ${ADDRESS_LIST_FILE}:`);
    lines.push(...drift.added.map((a) => `  - ${a.stack}: ${a.address} (construct ${a.constructPath})`));
  }
  if (lines.length > 0) {
    lines.push(
      `When the change is deliberate (a new resource, a move with a moved block, a removal you accept), run \`${REGENERATE_COMMAND}\``,
      `and commit ${ADDRESS_LIST_FILE} with the change, so the review shows it.`,
    );
  }
  return lines.join("\n");
}

/** The file's content: a comment, then the list. */
export function renderAddressList(list: AddressList): string {
  const document = {
    "//": `Every stateful resource's Terraform address, per stack. Generated by \`${REGENERATE_COMMAND}\`; checked by npm test. A change here destroys and recreates the resource unless the code moves it (README, "Address stability").`,
    stacks: list,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Reads the committed list. */
export function readAddressList(file: string): AddressList {
  const document = JSON.parse(fs.readFileSync(file, "utf8")) as { stacks?: AddressList };
  return document.stacks ?? {};
}

function main(argv: readonly string[]): number {
  const file = path.resolve(__dirname, "..", "..", ADDRESS_LIST_FILE);
  const current = currentAddresses();
  if (argv.includes("--write")) {
    fs.writeFileSync(file, renderAddressList(current.list));
    const count = Object.values(current.list).reduce((n, addresses) => n + Object.keys(addresses).length, 0);
    console.log(
      `wrote ${count} stateful addresses of ${Object.keys(current.list).length} stacks to ${ADDRESS_LIST_FILE}`,
    );
    return 0;
  }
  const committed = fs.existsSync(file) ? readAddressList(file) : {};
  const message = formatDrift(compareAddresses(committed, current));
  console.log(message === "" ? `${ADDRESS_LIST_FILE} matches the code` : message);
  return message === "" ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
