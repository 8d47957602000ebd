/**
 * A local stand-in for the few AWS APIs `terraform plan` calls: provider configuration, data
 * sources and ephemeral resources. Everything it does not know is answered with a 400 and
 * recorded, so a missing handler fails the plan visibly instead of quietly "succeeding".
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { autoscaling } from "./autoscaling";
import { codestarConnections } from "./codestar-connections";
import { ec2 } from "./ec2";
import { iam } from "./iam";
import { kms } from "./kms";
import {
  AwsError,
  decodeRequest,
  errorResponse,
  type ServiceStub,
  type StubInventory,
  type StubRequest,
  type StubResponse,
  successResponse,
} from "./protocol";
import { rds } from "./rds";
import { secretsManager } from "./secretsmanager";
import { ssm } from "./ssm";
import { sts } from "./sts";

/** Every service the stub answers, keyed by SigV4 signing name. */
export const STUB_SERVICES: readonly ServiceStub[] = [
  sts,
  iam,
  rds,
  ssm,
  kms,
  secretsManager,
  codestarConnections,
  ec2,
  autoscaling,
];

/** Error code of the answer to a call the stub has no handler for. */
export const UNHANDLED_CODE = "OfflineStubUnhandledCall";

/** Error code of the answer to a call signed for a region the stub plays as down. */
export const REGION_DOWN_CODE = "OfflineStubRegionDown";

/** One request the stub received. */
export interface RecordedCall {
  /** `service:Operation` when decodable, else `METHOD path`. */
  readonly call: string;
  readonly handled: boolean;
  readonly status: number;
  /** The SigV4 region the request was signed for, when it was signed. */
  readonly region?: string;
  /** True when the call was refused because its region is down (`refusedRegions`). */
  readonly refused?: boolean;
  /** For unhandled calls: what was sent, to write the missing handler from. */
  readonly detail?: string;
}

/** A running stub. */
export interface AwsStub {
  /** `http://127.0.0.1:<port>`, for every endpoint of the provider. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly calls: readonly RecordedCall[];
  close(): Promise<void>;
}

/** The answer to one request, whether a handler produced it, and whether its region is down. */
export interface RoutedResponse {
  readonly response: StubResponse;
  readonly handled: boolean;
  readonly refused?: boolean;
}

function describeCall(request: StubRequest): string {
  return request.service && request.operation
    ? `${request.service}:${request.operation}`
    : `${request.method} ${request.path}`;
}

function unhandled(request: StubRequest): RoutedResponse {
  const message =
    `titan aws-stub has no handler for ${describeCall(request)}; ` +
    "add it under src/tooling/aws-stub/ (npm run plan:offline lists what was sent)";
  return { response: errorResponse(request, new AwsError(UNHANDLED_CODE, message)), handled: false };
}

/**
 * Routes a decoded request to its handler; pure apart from handlers' random values. A request
 * signed for one of `refusedRegions` is refused before any handler runs, as a region that is down
 * would: that is how a test proves a stack never calls it.
 */
export function routeRequest(
  services: readonly ServiceStub[],
  inventory: StubInventory,
  request: StubRequest,
  refusedRegions: readonly string[] = [],
): RoutedResponse {
  if (request.region !== undefined && refusedRegions.includes(request.region)) {
    const message = `titan aws-stub plays ${request.region} as down and refused ${describeCall(request)}`;
    return { response: errorResponse(request, new AwsError(REGION_DOWN_CODE, message)), handled: false, refused: true };
  }
  const service = services.find((s) => s.signingName === request.service);
  const operation = request.operation;
  const handler = service && operation ? service.operations[operation] : undefined;
  if (!service || !operation || !handler) {
    return unhandled(request);
  }
  try {
    const output = handler(request.input, { region: request.region ?? "us-east-1", inventory });
    return { response: successResponse(service, operation, output), handled: true };
  } catch (error) {
    if (error instanceof AwsError) {
      return { response: errorResponse(request, error), handled: true };
    }
    throw error;
  }
}

function lowerCaseHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(",") : (value ?? ""),
    ]),
  );
}

function unhandledDetail(request: StubRequest): string {
  const target = request.headers["x-amz-target"];
  return [`${request.method} ${request.path}`, target ? `X-Amz-Target: ${target}` : "", request.body.slice(0, 500)]
    .filter((part) => part !== "")
    .join(" | ");
}

/** Options for {@link startAwsStub}. */
export interface AwsStubOptions {
  /** Names the fake account holds; see {@link inventoryFromStacks}. */
  readonly inventory: StubInventory;
  /** Called with one line per request (e.g. for `--verbose`). */
  readonly log?: (line: string) => void;
  /**
   * Regions to play as down: every call signed for one is refused and recorded as refused.
   * @default - none
   */
  readonly refusedRegions?: readonly string[];
}

/** Starts the stub on 127.0.0.1 and an ephemeral port. */
export async function startAwsStub(options: AwsStubOptions): Promise<AwsStub> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = decodeRequest({
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers: lowerCaseHeaders(req.headers),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const { response, handled, refused } = routeRequest(
        STUB_SERVICES,
        options.inventory,
        request,
        options.refusedRegions,
      );
      const call = describeCall(request);
      calls.push({
        call,
        handled,
        status: response.status,
        region: request.region,
        ...(refused ? { refused } : {}),
        detail: handled ? undefined : unhandledDetail(request),
      });
      options.log?.(`${refused ? "DOWN" : handled ? "ok  " : "MISS"} ${response.status} ${call}`);
      res.writeHead(response.status, response.headers).end(response.body);
    });
  });
  // A client sent through the stub as its HTTPS proxy: an AWS endpoint nobody pointed at the stub.
  server.on("connect", (req: http.IncomingMessage, socket) => {
    const call = `CONNECT ${req.url ?? "?"}`;
    calls.push({ call, handled: false, status: 400, detail: "an endpoint not overridden, reached via the proxy" });
    options.log?.(`MISS 400 ${call}`);
    socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Calls the stub answered, as `service:Operation xN`, and the ones it could not. */
export function formatStubCalls(calls: readonly RecordedCall[]): string[] {
  const counts = new Map<string, number>();
  for (const c of calls.filter((c) => c.handled)) {
    counts.set(c.call, (counts.get(c.call) ?? 0) + 1);
  }
  const handled = [...counts].map(([call, n]) => `${call} x${n}`).sort();
  const lines = [`stub answered: ${handled.length > 0 ? handled.join(", ") : "nothing"}`];
  const refused = calls.filter((c) => c.refused);
  if (refused.length > 0) {
    lines.push(`stub REFUSED calls to a region played as down (${refused.length}):`);
    lines.push(...refused.map((c) => `  ${c.region} ${c.call}`));
  }
  const missed = calls.filter((c) => !c.handled && !c.refused);
  lines.push(missed.length === 0 ? "stub unhandled calls: none" : `stub UNHANDLED calls (${missed.length}):`);
  for (const c of missed) {
    lines.push(`  ${c.call}: ${c.detail ?? ""}`);
  }
  return lines;
}
