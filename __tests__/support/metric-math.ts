/** A synthesized `metric_query` entry, as an alarm carries it. */
export interface SynthesizedMetricQuery {
  readonly id?: string;
  readonly expression?: string;
  readonly return_data?: boolean;
  readonly metric?: Record<string, unknown>;
}

/** CloudWatch: an id starts with a lower-case letter and holds letters, digits and underscores. */
const METRIC_ID = /^[a-z][A-Za-z0-9_]*$/;
/** What an expression may name besides query ids: its functions and keywords. */
const EXPRESSION_WORDS = new Set(["IF", "FILL", "METRICS", "MAX", "MIN", "SUM", "AVG", "AND", "OR", "NOT"]);

/**
 * Why CloudWatch (PutMetricAlarm) would refuse an alarm's metric math, or nothing: every id valid
 * and unique, every name an expression reads an id of this alarm, exactly one query returning data,
 * and each query either a metric or an expression.
 */
export function metricMathProblems(queries: readonly SynthesizedMetricQuery[]): string[] {
  const ids = queries.map((query) => query.id ?? "");
  const returning = queries.filter((query) => query.return_data === true).length;
  return [
    ...ids.filter((id) => !METRIC_ID.test(id)).map((id) => `id "${id}" must start with a lower-case letter`),
    ...(new Set(ids).size === ids.length ? [] : [`ids repeat: ${ids.join(", ")}`]),
    ...(returning === 1 ? [] : [`${returning} queries return data; an alarm needs exactly one`]),
    ...queries.flatMap((query) => queryProblems(query, ids)),
  ];
}

function queryProblems(query: SynthesizedMetricQuery, ids: readonly string[]): string[] {
  const names = query.expression?.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return [
    ...((query.expression === undefined) === (query.metric === undefined)
      ? [`query "${query.id}" must have either an expression or a metric`]
      : []),
    ...names
      .filter((name) => !EXPRESSION_WORDS.has(name) && !ids.includes(name))
      .map((name) => `query "${query.id}" reads "${name}", which is no id of this alarm`),
    ...names.filter((name) => name === query.id).map(() => `query "${query.id}" reads itself`),
  ];
}
