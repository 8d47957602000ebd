import { CronError, longestCronGapSeconds } from "../../../src/tooling/dr/cron";

const HOUR = 3_600;
const DAY = 24 * HOUR;

describe("longestCronGapSeconds (AWS cron, UTC)", () => {
  test.each([
    ["cron(0 7 * * ? *)", DAY, "daily (titan's backup)"],
    ["cron(0 */6 * * ? *)", 6 * HOUR, "every six hours"],
    ["cron(30 1,13 * * ? *)", 12 * HOUR, "twice a day"],
    ["cron(0 0 ? * SUN *)", 7 * DAY, "weekly by name"],
    ["cron(0 0 ? * 2-6 *)", 3 * DAY, "weekdays (Friday to Monday is the longest gap)"],
    ["cron(0 0 ? * MON-FRI *)", 3 * DAY, "weekdays by name"],
    ["cron(0 5 1 * ? *)", 31 * DAY, "monthly: the longest month"],
    ["cron(0 5 1 JAN,JUL ? *)", 184 * DAY, "twice a year by month name (JUL is not the L flag)"],
    ["cron(0 5 29 2 ? *)", 4 * 365 * DAY + DAY, "leap days only"],
  ])("%s is at most %d s apart (%s)", (expression, seconds) => {
    expect(longestCronGapSeconds(expression)).toBe(seconds);
  });

  test.each([
    ["rate(1 day)", /expected cron\(minutes hours day-of-month month day-of-week year\)/],
    ["cron(0 7 * * *)", /expected cron/],
    ["cron(0 7 * * ? 2027)", /the year field "2027" makes the schedule stop/],
    ["cron(0 7 * * * *)", /exactly one of day-of-month and day-of-week must be \?/],
    ["cron(0 7 L * ? *)", /uses L, W or #/],
    ["cron(0 7 ? * 2#1 *)", /uses L, W or #/],
    ["cron(0 25 * * ? *)", /"25" is outside 0-23/],
    ["cron(0 7 30 2 ? *)", /runs fewer than twice in nine years/],
  ])("refuses %s", (expression, message) => {
    expect(() => longestCronGapSeconds(expression)).toThrow(CronError);
    expect(() => longestCronGapSeconds(expression)).toThrow(message);
  });
});
