/**
 * The cron expressions a freeze window may open at, read with cron-parser. Expressions are evaluated on the
 * wall-clock timeline (wall-clock.ts) in UTC mode and each reading is then placed in the window's zone by
 * `instantOf`, rather than with cron-parser's own `tz` option: that way a cron window and a weekly window follow
 * one DST rule (cron-parser moves a skipped 02:30 to 03:30; ours opens at 03:00, the first valid reading), and the
 * UTC mode is about five times faster per step.
 */
import { CronExpressionParser } from "cron-parser";

const FIELDS = "minute hour day-of-month month day-of-week";
/** cron-parser's `H` (hashed) picks a value from a seed: the server and a browser would not agree on it. */
const HASHED = /(^|[^A-Za-z])H(?![A-Za-z])/;

/**
 * cron-parser reads six fields (seconds first) in strict mode; freeze windows are set to the minute. Strict mode
 * refuses day-of-month and day-of-week together, whose cron meaning ("the 13th OR any Friday") freezes more than
 * most people who write it expect.
 */
const parse = (expr: string, currentDate: number) => CronExpressionParser.parse(`0 ${expr.trim()}`, { tz: "UTC", strict: true, currentDate });

/** Why `expr` cannot open a freeze window, or null when it can. */
export function cronProblem(expr: string): string | null {
  if (expr.trim().split(/\s+/).length !== 5) return `must have 5 fields (${FIELDS})`;
  if (HASHED.test(expr)) return "must not use H (a hashed value)";
  try {
    const cron = parse(expr, Date.UTC(2026, 0, 1));
    // One minute of the hour bounds the openings at 24 a day, which keeps a 14-day look-back cheap; a freeze that
    // opens several times an hour is no change-control period.
    if (cron.fields.minute.values.length !== 1) return "must open at one minute of the hour (a single value in the minute field)";
    cron.next();
  } catch (err) {
    return `must be a valid cron expression: ${err instanceof Error ? err.message : String(err)}`;
  }
  return null;
}

/**
 * The readings in [fromWall, toWall] at which `expr` fires, ascending. `expr` has passed `cronProblem`; an
 * expression that stops firing (cron-parser gives up after its loop limit) ends the list.
 */
export function cronReadings(expr: string, fromWall: number, toWall: number): number[] {
  const cron = parse(expr, fromWall - 1);
  const out: number[] = [];
  for (;;) {
    let at: number;
    try {
      at = cron.next().getTime();
    } catch {
      break;
    }
    if (at > toWall) break;
    if (at >= fromWall) out.push(at);
  }
  return out;
}
