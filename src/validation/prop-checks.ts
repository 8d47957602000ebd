import { Token } from "cdktf";
import type { IConstruct } from "constructs";
import { type ConstructProblem, ConstructValidationError } from "./construct-error";
import { type IntRange, isWithin, rangeRule, type TextPattern } from "./limits";

/** A problem found by a helper before a construct records it: which prop, and what is wrong. */
export interface PropProblem {
  readonly prop: string;
  readonly message: string;
}

/**
 * Collects every problem with a construct's props, then throws them together as one
 * {@link ConstructValidationError} carrying the construct's path. Checks skip values that are
 * tokens (known only at apply time): there is nothing to check at synth.
 *
 * ```ts
 * const checks = new PropChecks(this);
 * checks.wholeNumber("instanceCount", props.instanceCount, AURORA_INSTANCES);
 * checks.require(props.subnetIds.length > 0, "subnetIds", "must list at least one subnet, got none");
 * checks.throwIfAny();
 * ```
 */
export class PropChecks {
  private readonly problems: ConstructProblem[] = [];

  constructor(private readonly scope: IConstruct) {}

  /** Records `message` against `prop` unless `ok`. */
  require(ok: boolean, prop: string, message: string | (() => string)): this {
    if (!ok) {
      this.problems.push({ prop, message: typeof message === "string" ? message : message() });
    }
    return this;
  }

  /** Records problems a helper found (each already names its prop). */
  add(problems: readonly PropProblem[]): this {
    this.problems.push(...problems);
    return this;
  }

  /** `value` is a whole number within `range`. */
  wholeNumber(prop: string, value: number, range: IntRange): this {
    return this.require(
      Token.isUnresolved(value) || isWithin(range, value),
      prop,
      () => `${rangeRule(range)}, got ${value}`,
    );
  }

  /** `value` is a percentage strictly between 0 and 100 (fractions allowed). */
  percentage(prop: string, value: number): this {
    return this.require(
      Token.isUnresolved(value) || (value > 0 && value < 100),
      prop,
      () => `must be a percentage above 0 and below 100, got ${value}`,
    );
  }

  /** `value` is a finite number above 0 of `unit` (fractions allowed). */
  positive(prop: string, value: number, unit: string): this {
    return this.require(
      Token.isUnresolved(value) || (Number.isFinite(value) && value > 0),
      prop,
      () => `must be a number of ${unit} above 0, got ${value}`,
    );
  }

  /** `value` is not empty or blank; `what` says what it names. */
  nonBlank(prop: string, value: string, what: string): this {
    return this.require(
      Token.isUnresolved(value) || value.trim() !== "",
      prop,
      () => `must name ${what}, got ${JSON.stringify(value)}`,
    );
  }

  /** `value` matches `pattern`. */
  matches(prop: string, value: string, pattern: TextPattern): this {
    return this.require(
      Token.isUnresolved(value) || pattern.regex.test(value),
      prop,
      () => `must be ${pattern.describes}, got ${JSON.stringify(value)}`,
    );
  }

  /**
   * `problemOf(value)` finds nothing wrong: the same function a config rule refines with, so the
   * construct and the config say the same thing about the same value.
   */
  satisfies<T>(prop: string, value: T, problemOf: (value: T) => string | undefined): this {
    const problem = Token.isUnresolved(value) ? undefined : problemOf(value);
    return this.require(problem === undefined, prop, () => String(problem));
  }

  /** `value` is one of `allowed`. */
  oneOf<T extends string | number>(prop: string, value: T, allowed: readonly T[]): this {
    return this.require(
      Token.isUnresolved(value) || allowed.includes(value),
      prop,
      () => `must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`,
    );
  }

  /** `list` holds at least one entry; `what` names them ("the private subnets"). */
  notEmpty(prop: string, list: readonly unknown[], what: string): this {
    return this.require(Token.isUnresolved(list) || list.length > 0, prop, `must list ${what}, got none`);
  }

  /** Throws every problem recorded so far as one error; returns when there is none. */
  throwIfAny(): void {
    if (this.problems.length > 0) {
      throw new ConstructValidationError(this.scope.node.path, [...this.problems]);
    }
  }
}
