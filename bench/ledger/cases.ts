/**
 * What the ledger-scale bench asks of the seeded ledger: the audit page's first page and every filter it offers
 * (app, task, user, action, outcome, from/to), alone and in the combinations a reader makes, in both of the page's
 * readings (by attempt, the default, and every row), as an administrator and as a user who sees ten tasks. The
 * values come from the seed: a busy app and a rare one, a busy user and a rare one, a term that matches nothing.
 */
import type { AuditFilters } from "../../lib/schemas/ledger";
import type { SeedFacts } from "./seed";

export interface AuditCase {
  name: string;
  /** first page: no filter; filter: one filter; combination: several; paging: past the first page (no target). */
  group: "first page" | "filter" | "combination" | "paging";
  view: "attempts" | "rows";
  filters: AuditFilters;
  page?: number;
  /** The task ids the reader may view (absent: all, as an administrator). */
  visible?: string[];
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function auditCases(seed: SeedFacts): AuditCase[] {
  const now = Date.parse(seed.to);
  const apps = seed.apps;
  const busyApp = apps[0]!;
  const rareApp = apps.at(-1)!;
  const busyTask = busyApp.tasks[0]!;
  const rareTask = apps.at(-2)!.tasks[0]!;
  const busyUser = seed.actors[0]!;
  const rareUser = seed.actors.at(-1)!;
  // A reader granted ten apps' tasks: some busy, most not.
  const visible = apps.filter((_, i) => i % 24 === 3).flatMap((a) => a.tasks);
  const week = { from: day(now - 7 * DAY), to: day(now) };
  const month = { from: day(now - 45 * DAY), to: day(now - 16 * DAY) };
  const attempts = (name: string, group: AuditCase["group"], filters: AuditFilters, more: Partial<AuditCase> = {}): AuditCase => ({
    name,
    group,
    view: "attempts",
    filters,
    ...more,
  });
  const rows = (name: string, group: AuditCase["group"], filters: AuditFilters, more: Partial<AuditCase> = {}): AuditCase => ({
    name,
    group,
    view: "rows",
    filters,
    ...more,
  });
  return [
    attempts("first page", "first page", {}),
    rows("first page", "first page", {}),
    attempts("first page, a reader of 10 apps", "first page", {}, { visible }),
    attempts(`app: part of a busy app's name ("${busyApp.appName}")`, "filter", { app: busyApp.appName }),
    attempts('app: part of the Chinese names ("订单")', "filter", { app: "订单" }),
    attempts(`app: a rare app's name ("${rareApp.appName}")`, "filter", { app: rareApp.appName }),
    attempts("app: a name nothing has", "filter", { app: "no-such-app" }),
    attempts("app: an app id", "filter", { app: apps[5]!.appId }),
    attempts("task: a busy task", "filter", { task: busyTask }),
    attempts("task: a rare task", "filter", { task: rareTask }),
    attempts(`user: part of an e-mail ("${busyUser.email.split(".")[0]}")`, "filter", { user: busyUser.email.split(".")[0] }),
    attempts("user: a rare user's e-mail", "filter", { user: rareUser.email }),
    attempts("user: a user id", "filter", { user: busyUser.id }),
    attempts("user: a name nobody has", "filter", { user: "nobody-here" }),
    attempts("action: stop", "filter", { action: "stop" }),
    attempts("action: rollback", "filter", { action: "rollback" }),
    attempts("action: denied", "filter", { action: "denied" }),
    attempts("action: lock (rare)", "filter", { action: "lock" }),
    attempts("outcome: started", "filter", { outcome: "started" }),
    attempts("outcome: failed", "filter", { outcome: "failed" }),
    attempts("outcome: not_started (rare)", "filter", { outcome: "not_started" }),
    attempts("outcome: requested (still open)", "filter", { outcome: "requested" }),
    attempts("from/to: the last 7 days", "filter", week),
    attempts("from/to: one day 60 days ago", "filter", { from: day(now - 60 * DAY), to: day(now - 60 * DAY) }),
    attempts("from/to: 30 days, 45 to 16 days ago", "filter", month),
    attempts("task + outcome failed", "combination", { task: busyTask, outcome: "failed" }),
    attempts("user (part) + action rollback", "combination", { user: busyUser.email.split(".")[0], action: "rollback" }),
    attempts("app (part) + the last 7 days", "combination", { app: busyApp.appName, ...week }),
    attempts("action start + outcome failed + 30 days", "combination", { action: "start", outcome: "failed", ...month }),
    attempts("user id + app (part)", "combination", { user: busyUser.id, app: busyApp.appName }),
    attempts("a reader of 10 apps + action stop", "combination", { action: "stop" }, { visible }),
    rows("action: stop", "filter", { action: "stop" }),
    rows("outcome: refused", "filter", { outcome: "refused" }),
    rows(`app: part of a busy app's name ("${busyApp.appName}")`, "filter", { app: busyApp.appName }),
    rows("user: a name nobody has", "filter", { user: "nobody-here" }),
    rows("from/to: the last 7 days", "filter", week),
    attempts("page 100 (entries 4,951–5,000)", "paging", {}, { page: 100 }),
  ];
}
