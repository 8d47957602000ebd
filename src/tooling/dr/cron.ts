/**
 * The longest gap between two runs of an AWS cron expression (`cron(0 7 * * ? *)`), the way AWS
 * Backup and EventBridge read it: minutes, hours, day of month, month, day of week, year, in UTC.
 * The backup RPO is that gap. `L`, `W` and `#` are refused rather than guessed.
 */

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** An expression the budget cannot read. */
export class CronError extends Error {
  constructor(expression: string, reason: string) {
    super(`cron expression "${expression}": ${reason}`);
    this.name = "CronError";
  }
}

interface Field {
  readonly min: number;
  readonly max: number;
  /** Names accepted for values, `names[i]` meaning `min + i`. */
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  // AWS numbers days of the week 1 (SUN) to 7 (SAT).
  { min: 1, max: 7, names: WEEKDAYS },
];

function value(text: string, field: Field, expression: string): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const number = named >= 0 ? field.min + named : Number(text);
  if (!Number.isInteger(number) || number < field.min || number > field.max) {
    throw new CronError(expression, `"${text}" is outside ${field.min}-${field.max}`);
  }
  return number;
}

/** The values one field matches, or undefined for `?` (no constraint from this field). */
function matches(text: string, field: Field, expression: string): Set<number> | undefined {
  if (text === "?") {
    return undefined;
  }
  const withoutNames = [...MONTHS, ...WEEKDAYS].reduce((rest, name) => rest.replace(new RegExp(name, "gi"), ""), text);
  if (/[LW#]/i.test(withoutNames)) {
    throw new CronError(expression, `"${text}" uses L, W or #, which the budget does not read`);
  }
  return new Set(text.split(",").flatMap((part) => partValues(part, field, expression)));
}

/** The values of one comma-separated part: a star, `5`, `1-5`, a stepped range such as `10/15`, `MON-FRI`. */
function partValues(part: string, field: Field, expression: string): number[] {
  const [range, stepText] = part.split("/");
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) {
    throw new CronError(expression, `"${part}" has a step that is not a positive whole number`);
  }
  let [low, high] = [field.min, field.max];
  if (range !== "*") {
    const [from, to] = range.split("-");
    low = value(from, field, expression);
    // `10/15` runs from 10 to the field's end; a lone `10` is just 10.
    const open = stepText === undefined ? low : field.max;
    high = to === undefined ? open : value(to, field, expression);
  }
  const values: number[] = [];
  for (let n = low; n <= high; n += step) {
    values.push(n);
  }
  return values;
}

/** Every run from `start` over `days` days, in epoch seconds. */
function runs(fields: readonly (Set<number> | undefined)[], start: Date, days: number): number[] {
  const [minutes, hours, daysOfMonth, months, weekdays] = fields;
  const times: number[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(start.getTime() + d * 86_400_000);
    const matchesDay =
      (months?.has(day.getUTCMonth() + 1) ?? true) &&
      (daysOfMonth?.has(day.getUTCDate()) ?? true) &&
      (weekdays?.has(day.getUTCDay() + 1) ?? true);
    if (!matchesDay) {
      continue;
    }
    for (const hour of [...(hours ?? [])].sort((a, b) => a - b)) {
      for (const minute of [...(minutes ?? [])].sort((a, b) => a - b)) {
        times.push(day.getTime() / 1000 + hour * 3_600 + minute * 60);
      }
    }
  }
  return times;
}

/** The longest time, in seconds, between two consecutive runs of `expression`. */
export function longestCronGapSeconds(expression: string): number {
  const inner = /^cron\((.+)\)$/.exec(expression.trim())?.[1];
  const parts = inner?.trim().split(/\s+/);
  if (parts?.length !== 6) {
    throw new CronError(expression, "expected cron(minutes hours day-of-month month day-of-week year)");
  }
  if (parts[5] !== "*") {
    throw new CronError(expression, `the year field "${parts[5]}" makes the schedule stop; use *`);
  }
  if ((parts[2] === "?") === (parts[4] === "?")) {
    throw new CronError(expression, "exactly one of day-of-month and day-of-week must be ?");
  }
  const fields = FIELDS.map((field, i) => matches(parts[i], field, expression));
  if (fields[0] === undefined || fields[1] === undefined) {
    throw new CronError(expression, "minutes and hours cannot be ?");
  }
  // Nine years from a fixed day hold every month length and two leap-day-to-leap-day gaps, so the
  // answer does not depend on today's date.
  const times = runs(fields, new Date(Date.UTC(2028, 0, 1)), 9 * 366);
  if (times.length < 2) {
    throw new CronError(expression, "runs fewer than twice in nine years");
  }
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    longest = Math.max(longest, times[i] - times[i - 1]);
  }
  return longest;
}
