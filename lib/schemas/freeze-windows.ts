/**
 * Freeze windows (isomorphic contract): periods in which the console refuses deployments. The admin API's body
 * (create, and update, which replaces the whole definition: a schedule is only checkable whole) and the stored
 * window it answers with. The occurrences themselves are computed in lib/change-control/freeze.ts.
 *
 * A schedule is one of
 * - `once`: from–to, ISO instants with an offset (kept as UTC);
 * - `weekly`: opens on each listed day at `start` and closes at `end` on the same day, or `endDayOffset` days
 *   later. Without an offset an `end` at or before `start` means the next day, so 20:00–06:00 is one night and
 *   00:00–00:00 a whole day; Fri 18:00 → Mon 08:00 is `days: ["fri"]`, 18:00, 08:00, `endDayOffset: 3`. Both
 *   times are wall-clock times in the zone, so a night across a DST change lasts an hour more or less;
 * - `cron`: opens at each firing of a five-field cron expression read in the zone, and lasts `durationMinutes`.
 */
import { z } from "zod";
import { cronProblem } from "../change-control/cron";
import { isTimeZone } from "../change-control/wall-clock";
import { idSchema, textSchema, uuidSchema } from "./common";

/** In the order of `Date.prototype.getUTCDay`. */
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The longest a cron window may last: 14 days (longer is a one-off freeze). */
const MAX_DURATION_MINUTES = 14 * 24 * 60;

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:mm (00:00–23:59)");
/** Parsed to the millisecond and kept in UTC, whatever offset the admin's form sent. */
const instant = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date and time with an offset" }).overwrite((s) => new Date(s).toISOString());
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const onceSchema = z
  .object({ kind: z.literal("once"), from: instant, to: instant })
  .strict()
  .refine((s) => s.to > s.from, { path: ["to"], message: "must be after from" });

const weeklySchema = z
  .object({
    kind: z.literal("weekly"),
    days: z
      .array(z.enum(WEEKDAYS, "must be one of sun, mon, tue, wed, thu, fri, sat"))
      .min(1, "must name at least one day")
      .refine(unique, "must not repeat a day"),
    start: clockTime,
    end: clockTime,
    /** Days from the opening day to the closing day; at most 6, so no opening outlasts a week. */
    endDayOffset: z.int("must be a whole number of days").min(0, "must be 0–6").max(6, "must be 0–6").optional(),
  })
  .strict()
  .refine((s) => s.endDayOffset !== 0 || minutesOf(s.end) > minutesOf(s.start), {
    path: ["end"],
    message: "must be after start when endDayOffset is 0",
  });

const cronSchema = z
  .object({
    kind: z.literal("cron"),
    cron: z
      .string()
      .max(200, "must be at most 200 characters")
      .superRefine((expr, ctx) => {
        const problem = cronProblem(expr);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    durationMinutes: z
      .int("must be a whole number of minutes")
      .min(1, "must be at least 1 minute")
      .max(MAX_DURATION_MINUTES, `must be at most 14 days (${MAX_DURATION_MINUTES} minutes)`),
  })
  .strict();

const scheduleSchema = z.discriminatedUnion("kind", [onceSchema, weeklySchema, cronSchema]);
export type FreezeSchedule = z.infer<typeof scheduleSchema>;

/**
 * Which deployments a window freezes (or a notification subscription covers): all, those of the listed teams' apps
 * (by team id: the apps they have a grant on), or the listed apps (by task id).
 */
export const appScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z
    .object({
      kind: z.literal("teams"),
      teams: z.array(uuidSchema).min(1, "must name at least one team").max(200).refine(unique, "must not repeat a team"),
    })
    .strict(),
  z
    .object({
      kind: z.literal("apps"),
      taskIds: z.array(idSchema).min(1, "must name at least one app").max(500).refine(unique, "must not repeat an app"),
    })
    .strict(),
]);
export type FreezeScope = z.infer<typeof appScopeSchema>;

/** A scope in the ledger's words: "all apps", "teams <ids>", "apps <task ids>". */
export const scopeText = (scope: FreezeScope) =>
  scope.kind === "all" ? "all apps" : scope.kind === "teams" ? `teams ${scope.teams.join(",")}` : `apps ${scope.taskIds.join(",")}`;

/** Whether a scope covers a task, given the teams among the scope's whose grants reach it. */
export function scopeCovers(scope: FreezeScope, taskId: string | null, reached: ReadonlySet<string>): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "apps") return taskId !== null && scope.taskIds.includes(taskId);
  return scope.teams.some((t) => reached.has(t));
}

const definitionShape = {
  name: textSchema().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  /** Wall-clock times and cron fields are read in this zone; a one-off window's instants are only shown in it. */
  timeZone: z.string().max(64).refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
  schedule: scheduleSchema,
  scope: appScopeSchema,
};

/** POST /api/admin/freeze-windows and PUT /api/admin/freeze-windows/{id}. */
export const freezeWindowBodySchema = z
  .object({
    ...definitionShape,
    /** Rolling back is how a bad release is undone, so a freeze lets it through unless told otherwise. */
    rollbacksAllowed: z.boolean("must be true or false").default(true),
  })
  .strict();
export type FreezeWindowBody = z.infer<typeof freezeWindowBodySchema>;

/** A stored window, as the admin API answers with it. */
export const freezeWindowSchema = z.object({
  id: uuidSchema,
  ...definitionShape,
  rollbacksAllowed: z.boolean(),
  /** The admin's e-mail (as protected apps keep it). */
  createdBy: z.string(),
  /** ISO-8601 UTC. */
  createdAt: z.string(),
});
export type FreezeWindow = z.infer<typeof freezeWindowSchema>;

export const freezeWindowParamsSchema = z.object({ id: uuidSchema });

/** One occurrence of a window: ISO-8601 UTC instants, [from, to). */
const freezeOccurrenceSchema = z.object({ from: z.string(), to: z.string() });

/** How many coming occurrences the admin API answers with (the preview shows them). */
export const PREVIEW_OCCURRENCES = 5;

/** GET /api/admin/freeze-windows rows: the window, its last change, and its next occurrences (the one in force first). */
export const freezeWindowViewSchema = freezeWindowSchema.extend({
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** In force now. */
  active: z.boolean(),
  next: z.array(freezeOccurrenceSchema),
});
export type FreezeWindowView = z.infer<typeof freezeWindowViewSchema>;

/** POST /api/admin/freeze-windows/preview takes a schedule in its zone (the form's, before it is saved)… */
export const freezePreviewBodySchema = z.object({ timeZone: definitionShape.timeZone, schedule: scheduleSchema }).strict();

/** … and answers with its next occurrences. */
export const freezePreviewSchema = z.object({ next: z.array(freezeOccurrenceSchema) });

/** A window that applies to one task, with the occurrence in question (in force, or the next within 7 days). */
export const freezeNoticeSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  from: z.string(),
  until: z.string(),
  rollbacksAllowed: z.boolean(),
});
export type FreezeNotice = z.infer<typeof freezeNoticeSchema>;

/** The task answer's freeze state; the same shape is the 423 change_freeze error's `error.freeze`. */
export const taskFreezeSchema = z.object({
  /** In force now (several windows may overlap). */
  active: z.array(freezeNoticeSchema),
  /** Opening within the next 7 days. */
  upcoming: z.array(freezeNoticeSchema),
  /** The user may deploy inside a window anyway, with a reason (administrators). */
  canOverride: z.boolean(),
});
export type TaskFreeze = z.infer<typeof taskFreezeSchema>;
