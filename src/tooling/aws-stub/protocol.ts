/**
 * The AWS wire protocols the stub speaks, reduced to what the provider's plan-time calls use:
 * the query protocol (form-encoded `Action=...`, XML answers: STS, RDS, IAM), its EC2 dialect
 * (the same requests, answers without a `<...Result>` wrapper and errors in EC2's own shape), and
 * JSON 1.0/1.1 (`X-Amz-Target: Prefix.Operation`, JSON answers: SSM, KMS, Secrets Manager,
 * CodeConnections).
 * Which service a request is for comes from its SigV4 credential scope, so every endpoint can be
 * the same `http://127.0.0.1:<port>` without path tricks.
 */
import { randomUUID } from "node:crypto";

/** The fake account every stubbed identity and ARN belongs to (AWS's documentation account). */
export const STUB_ACCOUNT_ID = "111122223333";

/** A request as the stub sees it, already decoded. */
export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** SigV4 signing name from the `Authorization` credential scope, e.g. `sts`, `codestar-connections`. */
  readonly service?: string;
  /** SigV4 region from the credential scope. */
  readonly region?: string;
  /** `Action` (query protocol) or the part of `X-Amz-Target` after the dot (JSON protocol). */
  readonly operation?: string;
  /** Query protocol parameters (all strings) or the decoded JSON body. */
  readonly input: Readonly<Record<string, unknown>>;
}

/** What the stub sends back. */
export interface StubResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An AWS error answer, thrown by handlers (e.g. a name that does not exist). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** An Auto Scaling group the fake account holds, e.g. the one behind an EKS managed node group. */
export interface StubAutoScalingGroup {
  readonly name: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * What exists in the fake account beyond what handlers make up from the request: list operations
 * (`kms:ListAliases`, `codestar-connections:ListConnections`) carry no name filter, so the names a
 * plan looks up must be known in advance, and live resources (Auto Scaling groups) exist or not.
 */
export interface StubInventory {
  /** Alias names, `alias/...`; each targets a customer key in every region. */
  readonly kmsAliases: readonly string[];
  /** CodeConnections connection names. */
  readonly connectionNames: readonly string[];
  /**
   * Secrets Manager secrets that exist: those read by name (`aws_secretsmanager_secret_version`
   * data sources) and, in a plan against a deployed state, the state's secrets.
   */
  readonly secretNames: readonly string[];
  /** Auto Scaling groups, in every region. @default none: a fresh account */
  readonly autoScalingGroups?: readonly StubAutoScalingGroup[];
}

/** What a handler knows besides the input. */
export interface OperationContext {
  /** Region of the request's signature. */
  readonly region: string;
  readonly inventory: StubInventory;
}

/** Operations of one service: each returns the JSON output, or the XML inside `<OpResult>`. */
export type OperationHandler = (input: Readonly<Record<string, unknown>>, context: OperationContext) => unknown;

/** One stubbed AWS service. */
export interface ServiceStub {
  /** SigV4 signing name, as in the credential scope. */
  readonly signingName: string;
  readonly protocol: "query" | "ec2" | "json1.0" | "json1.1";
  /** XML namespace of query-protocol answers. */
  readonly xmlNamespace?: string;
  readonly operations: Readonly<Record<string, OperationHandler>>;
}

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

function decodeInput(headers: Readonly<Record<string, string>>, body: string): Record<string, unknown> {
  const type = headers["content-type"] ?? "";
  if (type.includes("x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(body));
  }
  if (type.includes("json") && body.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }
  return {};
}

/** Decodes service, region, operation and input from a raw request. */
export function decodeRequest(raw: {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}): StubRequest {
  const scope = CREDENTIAL_SCOPE.exec(raw.headers.authorization ?? "");
  const input = decodeInput(raw.headers, raw.body);
  const target = raw.headers["x-amz-target"];
  const action = typeof input.Action === "string" ? input.Action : undefined;
  const operation = target ? target.slice(target.lastIndexOf(".") + 1) : action;
  return { ...raw, service: scope?.[2], region: scope?.[1], operation, input };
}

/** XML text content, escaped. */
export function xml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `<Name>value</Name>` for each defined entry, in order. */
export function xmlFields(fields: Readonly<Record<string, string | number | boolean | undefined>>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => `<${name}>${xml(String(value))}</${name}>`)
    .join("");
}

/** A string parameter of a request, or undefined. */
export function stringInput(input: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = input[name];
  return typeof value === "string" ? value : undefined;
}

/** The values of a query-protocol list, `<name>.1`, `<name>.2`, ... (`ZoneId.1`, `Names.member.1`). */
export function queryList(input: Readonly<Record<string, unknown>>, name: string): string[] {
  const values: string[] = [];
  for (let n = 1; stringInput(input, `${name}.${n}`) !== undefined; n++) {
    values.push(stringInput(input, `${name}.${n}`) as string);
  }
  return values;
}

/** A required string parameter; a missing one is the caller's error, as in AWS. */
export function requiredInput(input: Readonly<Record<string, unknown>>, name: string): string {
  const value = stringInput(input, name);
  if (value === undefined || value === "") {
    throw new AwsError("ValidationException", `${name} is required`);
  }
  return value;
}

function queryResponse(service: ServiceStub, operation: string, result: string): StubResponse {
  const ns = service.xmlNamespace ? ` xmlns="${service.xmlNamespace}"` : "";
  const body =
    `<${operation}Response${ns}><${operation}Result>${result}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

function jsonContentType(protocol: ServiceStub["protocol"]): string {
  return protocol === "json1.0" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}

function ec2Response(service: ServiceStub, operation: string, result: string): StubResponse {
  const ns = service.xmlNamespace ? ` xmlns="${service.xmlNamespace}"` : "";
  const body = `<${operation}Response${ns}><requestId>${randomUUID()}</requestId>${result}</${operation}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

/** The successful answer to an operation, in the service's protocol. */
export function successResponse(service: ServiceStub, operation: string, output: unknown): StubResponse {
  if (service.protocol === "query") {
    return queryResponse(service, operation, typeof output === "string" ? output : "");
  }
  if (service.protocol === "ec2") {
    return ec2Response(service, operation, typeof output === "string" ? output : "");
  }
  const headers = { "content-type": jsonContentType(service.protocol), "x-amzn-requestid": randomUUID() };
  return { status: 200, headers, body: JSON.stringify(output ?? {}) };
}

/**
 * An error answer the SDK decodes into a typed API error. The protocol is guessed from the request
 * when the service is unknown: an `X-Amz-Target` means JSON, EC2's signing name EC2's error shape,
 * anything else gets query XML.
 */
export function errorResponse(request: StubRequest, error: AwsError): StubResponse {
  const requestId = randomUUID();
  if (request.service === "ec2") {
    const body =
      `<Response><Errors><Error><Code>${xml(error.code)}</Code><Message>${xml(error.message)}</Message></Error>` +
      `</Errors><RequestID>${requestId}</RequestID></Response>`;
    return { status: error.status, headers: { "content-type": "text/xml" }, body };
  }
  if (request.headers["x-amz-target"] !== undefined) {
    const headers = {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": error.code,
    };
    return { status: error.status, headers, body: JSON.stringify({ __type: error.code, message: error.message }) };
  }
  const body =
    `<ErrorResponse><Error><Type>Sender</Type><Code>${xml(error.code)}</Code>` +
    `<Message>${xml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}
