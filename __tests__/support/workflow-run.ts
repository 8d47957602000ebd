/**
 * Which jobs of a workflow run, and in what order, for given inputs and job outcomes: GitHub's
 * job-level `needs` and `if` rules, simulated, so a workflow's failover path is tested without a
 * runner.
 *
 * The rules (GitHub, "Workflow syntax": jobs.<job_id>.needs and jobs.<job_id>.if; "Expressions":
 * status check functions): a job starts once every job it needs has finished; an `if` without a
 * status function is `success() && (...)`; `success()` is true when every job upstream of it (its
 * needs, and theirs) succeeded, so a skipped or failed job skips everything after it unless a later
 * job's `if` says otherwise (actions/runner #2205 shows the skip reaching past a succeeded job);
 * `failure()` is true when any upstream job failed; nothing is ever cancelled here.
 *
 * The expression language covers what titan's workflows use: `${{ }}`, `!`, `&&`, `||`, `==`,
 * `!=`, parentheses, string, boolean and null literals, `inputs.<name>`, `needs.<job>.result` and
 * the four status functions. Anything else throws, so a workflow using more cannot be judged wrongly.
 */

export type JobResult = "success" | "failure" | "skipped";

export interface SimulatedJob {
  readonly needs?: string | readonly string[];
  readonly if?: string;
}

export interface RunOptions {
  /** `inputs` of a `workflow_dispatch` run; empty (every input null) for a push. */
  readonly inputs?: Readonly<Record<string, string | boolean>>;
  /** How a job that runs ends. @default every job succeeds */
  readonly outcome?: (job: string) => "success" | "failure";
}

export interface SimulatedRun {
  readonly results: Readonly<Record<string, JobResult>>;
  /** The jobs that ran, in the order they could start. */
  readonly ran: readonly string[];
}

type Value = string | boolean | null;

/** What a job's `if` can read. */
export interface ExpressionScope {
  readonly inputs: Readonly<Record<string, string | boolean>>;
  readonly needs: Readonly<Record<string, JobResult>>;
  readonly upstream: readonly JobResult[];
}

const STATUS_FUNCTIONS = ["success", "failure", "cancelled", "always"];

function needsOf(job: SimulatedJob): string[] {
  return job.needs === undefined ? [] : [job.needs].flat();
}

/** Runs `jobs` as GitHub would for `options`. */
export function simulateRun(jobs: Readonly<Record<string, SimulatedJob>>, options: RunOptions = {}): SimulatedRun {
  const results: Record<string, JobResult> = {};
  const ran: string[] = [];
  const pending = new Set(Object.keys(jobs));
  while (pending.size > 0) {
    const ready = [...pending].filter((id) => needsOf(jobs[id]).every((need) => results[need] !== undefined));
    if (ready.length === 0) {
      throw new Error(`jobs wait on each other or on unknown jobs: ${[...pending].join(", ")}`);
    }
    for (const id of ready) {
      const needs = needsOf(jobs[id]);
      const scope: ExpressionScope = {
        inputs: options.inputs ?? {},
        needs: Object.fromEntries(needs.map((need) => [need, results[need]])),
        upstream: upstreamOf(jobs, id).map((job) => results[job]),
      };
      if (truthy(evaluateIf(jobs[id].if, scope))) {
        results[id] = options.outcome?.(id) ?? "success";
        ran.push(id);
      } else {
        results[id] = "skipped";
      }
      pending.delete(id);
    }
  }
  return { results, ran };
}

/** Every job `id` needs, directly or through another. */
function upstreamOf(jobs: Readonly<Record<string, SimulatedJob>>, id: string): string[] {
  const seen = new Set<string>();
  const visit = (job: string) => {
    for (const need of needsOf(jobs[job])) {
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
    }
  };
  visit(id);
  return [...seen];
}

/** A job's `if`, with GitHub's implicit `success()` when it names no status function. */
export function evaluateIf(condition: string | undefined, scope: ExpressionScope): Value {
  const body = (condition ?? "success()").trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(body);
  const expression = wrapped ? wrapped[1] : body;
  const tokens = tokenize(expression);
  const usesStatus = tokens.some((token, i) => STATUS_FUNCTIONS.includes(token) && tokens[i + 1] === "(");
  const parser = new Parser(tokens, scope);
  const value = parser.parse();
  return usesStatus ? value : truthy(success(scope)) && truthy(value);
}

function success(scope: ExpressionScope): boolean {
  return scope.upstream.every((result) => result === "success");
}

function truthy(value: Value): boolean {
  return value !== null && value !== false && value !== "";
}

function tokenize(expression: string): string[] {
  const pattern = /\s*(\(|\)|!=|==|!|&&|\|\||'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.-]*)/y;
  const tokens: string[] = [];
  let rest = expression.trim();
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) {
      throw new Error(`workflow-run: cannot read the expression at "${rest}" (in "${expression}")`);
    }
    tokens.push(match[1]);
    rest = rest.slice(match[0].length).trim();
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly string[],
    private readonly scope: ExpressionScope,
  ) {}

  parse(): Value {
    const value = this.or();
    if (this.position !== this.tokens.length) {
      throw new Error(`workflow-run: unexpected "${this.tokens[this.position]}" in ${this.tokens.join(" ")}`);
    }
    return value;
  }

  private next(): string | undefined {
    return this.tokens[this.position];
  }

  private take(expected: string): void {
    if (this.tokens[this.position] !== expected) {
      throw new Error(`workflow-run: expected "${expected}" in ${this.tokens.join(" ")}`);
    }
    this.position++;
  }

  private or(): Value {
    let left = this.and();
    while (this.next() === "||") {
      this.position++;
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.next() === "&&") {
      this.position++;
      const right = this.comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    const operator = this.next();
    if (operator !== "==" && operator !== "!=") {
      return left;
    }
    this.position++;
    const right = this.unary();
    // GitHub compares strings ignoring case.
    const equal =
      typeof left === "string" && typeof right === "string"
        ? left.toLowerCase() === right.toLowerCase()
        : left === right;
    return operator === "==" ? equal : !equal;
  }

  private unary(): Value {
    if (this.next() === "!") {
      this.position++;
      return !truthy(this.unary());
    }
    return this.primary();
  }

  private primary(): Value {
    const token = this.next();
    if (token === undefined) {
      throw new Error(`workflow-run: expression ends early: ${this.tokens.join(" ")}`);
    }
    this.position++;
    if (token === "(") {
      const value = this.or();
      this.take(")");
      return value;
    }
    if (token.startsWith("'")) {
      return token.slice(1, -1).replace(/''/g, "'");
    }
    if (token === "true" || token === "false") {
      return token === "true";
    }
    if (token === "null") {
      return null;
    }
    if (STATUS_FUNCTIONS.includes(token)) {
      this.take("(");
      this.take(")");
      switch (token) {
        case "success":
          return success(this.scope);
        case "failure":
          return this.scope.upstream.some((result) => result === "failure");
        case "cancelled":
          return false;
        default:
          return true;
      }
    }
    return this.reference(token);
  }

  private reference(token: string): Value {
    const input = /^inputs\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(token);
    if (input) {
      return this.scope.inputs[input[1]] ?? null;
    }
    const need = /^needs\.([A-Za-z_][A-Za-z0-9_-]*)\.result$/.exec(token);
    if (need) {
      const result = this.scope.needs[need[1]];
      if (result === undefined) {
        throw new Error(`workflow-run: ${token} names a job this job does not need`);
      }
      return result;
    }
    throw new Error(`workflow-run: "${token}" is not something this simulation knows`);
  }
}
