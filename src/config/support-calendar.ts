import type { TitanConfig } from "./schema";

/** One version's end of standard support, and where the date comes from. */
export interface SupportWindow {
  readonly version: string;
  /** The first day (UTC) the version is no longer in standard support, `YYYY-MM-DD`. */
  readonly endOfStandardSupport: string;
}

/** A product's calendar: its versions and the page they were read from. */
export interface SupportCalendar {
  readonly product: string;
  readonly source: string;
  readonly windows: readonly SupportWindow[];
}

/**
 * EKS Kubernetes versions: the "Amazon EKS Kubernetes release calendar" (14 months of standard
 * support from the EKS release, then 12 of extended support). 1.35's date is AWS's as published
 * after its January 2026 release (endoflife.date/amazon-eks mirrors the same dates).
 */
export const EKS_CALENDAR: SupportCalendar = {
  product: "EKS",
  source: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar",
  windows: [
    { version: "1.30", endOfStandardSupport: "2025-07-23" },
    { version: "1.31", endOfStandardSupport: "2025-11-26" },
    { version: "1.32", endOfStandardSupport: "2026-03-23" },
    { version: "1.33", endOfStandardSupport: "2026-07-29" },
    { version: "1.34", endOfStandardSupport: "2026-12-02" },
    { version: "1.35", endOfStandardSupport: "2027-03-27" },
  ],
};

/**
 * Aurora PostgreSQL major versions: the "Aurora PostgreSQL release calendar for major versions".
 * Minor versions are retired earlier (about a year after release, LTS minors three years); their
 * dates are per minor in the same release notes and can be added here as `16.11`-style entries,
 * which win over the major's.
 */
export const AURORA_POSTGRESQL_CALENDAR: SupportCalendar = {
  product: "Aurora PostgreSQL",
  source:
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/aurorapostgresql-release-calendar.html",
  windows: [
    { version: "13", endOfStandardSupport: "2026-02-28" },
    { version: "14", endOfStandardSupport: "2027-02-28" },
    { version: "15", endOfStandardSupport: "2028-02-29" },
    { version: "16", endOfStandardSupport: "2029-02-28" },
    { version: "17", endOfStandardSupport: "2030-02-28" },
  ],
};

/** Warn this many days before a version leaves standard support: time to test and roll an upgrade. */
export const SUPPORT_WARNING_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar entry for `version`: an exact match, else its major (`16.11` -> `16`). */
export function supportWindow(calendar: SupportCalendar, version: string): SupportWindow | undefined {
  return (
    calendar.windows.find((window) => window.version === version) ??
    calendar.windows.find((window) => window.version === version.split(".")[0])
  );
}

/** Whole days from `now` to the start of `date` (UTC); negative once it has passed. */
function daysUntil(date: string, now: Date): number {
  return Math.ceil((Date.parse(`${date}T00:00:00Z`) - now.getTime()) / DAY_MS);
}

function windowWarning(
  field: string,
  calendar: SupportCalendar,
  version: string,
  now: Date,
  consequence: string,
): string | undefined {
  const window = supportWindow(calendar, version);
  if (window === undefined) {
    return `${field} ${version} has no end-of-support date in titan's calendar (src/config/support-calendar.ts, from ${calendar.source}); add it so titan can warn before it ends`;
  }
  const days = daysUntil(window.endOfStandardSupport, now);
  if (days > SUPPORT_WARNING_DAYS) {
    return undefined;
  }
  const when =
    days > 0
      ? `leaves ${calendar.product} standard support on ${window.endOfStandardSupport}, in ${days} day${days === 1 ? "" : "s"}`
      : `left ${calendar.product} standard support on ${window.endOfStandardSupport}, ${-days} day${days === -1 ? "" : "s"} ago`;
  return `${field} ${version} ${when}: ${consequence}`;
}

/**
 * Warnings for versions within {@link SUPPORT_WARNING_DAYS} of their end of standard support, or
 * past it. `now` is an input (main.ts passes the clock, tests a fixed date) so the warnings are
 * deterministic; they never fail synth, because a date passing must not block a DR apply.
 */
export function versionSupportWarnings(config: TitanConfig, now: Date): string[] {
  const k8s = config.kubernetes;
  const eksConsequence =
    k8s.supportType === "EXTENDED"
      ? "with supportType EXTENDED the cluster keeps it, billed at the extended-support rate; upgrade one minor version per apply"
      : "with supportType STANDARD AWS upgrades the control plane itself and every plan then proposes a downgrade EKS refuses; upgrade one minor version per apply";
  const auroraConsequence =
    "AWS upgrades the engine in a maintenance window and the pinned version then differs from the running one; raise database.engineVersion (the global cluster upgrades every region)";
  return [
    windowWarning("kubernetes.version", EKS_CALENDAR, k8s.version, now, eksConsequence),
    windowWarning(
      "database.engineVersion",
      AURORA_POSTGRESQL_CALENDAR,
      config.database.engineVersion,
      now,
      auroraConsequence,
    ),
  ].filter((warning): warning is string => warning !== undefined);
}
