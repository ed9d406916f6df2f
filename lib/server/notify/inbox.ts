import "server-only";
/**
 * The user's side: what they watch (an app, or one record of it) and their in-console inbox. A watch needs the
 * right to see the app; the inbox only ever answers items of apps the reader may see now (rights re-read on every
 * request), so an item routed before a grant was taken away does not reach them.
 */
import type { Inbox, InboxItem, Watch, WatchBody } from "../../schemas/notify";
import type { Db } from "../db/schema";
import { ApiError } from "../errors";
import { type Principal, mayOnTask, visibleTasks } from "../permissions";
import type { NotifyEvent } from "./types";

const INBOX_SIZE = 100;

export async function listWatches(db: Db, user: Principal): Promise<Watch[]> {
  const rows = await db.selectFrom("user_watches").selectAll().where("user_id", "=", user.id).orderBy("created_at", "desc").execute();
  return rows.map((r) => ({ taskId: r.task_id, recordId: r.record_id || null, email: Number(r.email) === 1, createdAt: r.created_at }));
}

export async function putWatch(db: Db, user: Principal, body: WatchBody, now: Date): Promise<Watch> {
  if (!mayOnTask(user, body.taskId, "view")) throw new ApiError("forbidden", "You cannot watch an app you may not see.");
  const row = {
    user_id: user.id,
    task_id: body.taskId,
    record_id: body.recordId ?? "",
    email: body.email ? 1 : 0,
    language: body.language,
    created_at: now.toISOString(),
  };
  await db
    .insertInto("user_watches")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "task_id", "record_id"]).doUpdateSet({ email: row.email, language: row.language }))
    .execute();
  return { taskId: body.taskId, recordId: body.recordId ?? null, email: body.email, createdAt: row.created_at };
}

export async function deleteWatch(db: Db, user: Principal, q: { taskId: string; recordId?: string }): Promise<void> {
  await db
    .deleteFrom("user_watches")
    .where("user_id", "=", user.id)
    .where("task_id", "=", q.taskId)
    .where("record_id", "=", q.recordId ?? "")
    .execute();
}

const pathOf = (e: NotifyEvent): string | null => (e.link && URL.canParse(e.link) ? new URL(e.link).pathname + new URL(e.link).search : null);

function itemOf(r: { id: string; kind: InboxItem["kind"]; at: string; payload: string; read_at: string | null }): InboxItem {
  const e = JSON.parse(r.payload) as NotifyEvent;
  return {
    id: r.id,
    kind: r.kind,
    at: r.at,
    read: r.read_at !== null,
    appName: e.app.name,
    taskId: e.taskId,
    recordId: e.recordId,
    actor: e.actor,
    reason: e.reason,
    path: pathOf(e),
    finishState: e.finish?.state ?? null,
  };
}

/** The user's inbox rows of apps they may see now (rights re-read on every request). */
function visibleInbox(db: Db, user: Principal) {
  const visible = visibleTasks(user);
  const q = db.selectFrom("inbox as i").innerJoin("outbox as o", "o.id", "i.event_id").where("i.user_id", "=", user.id);
  if (visible === "all") return q;
  return visible.size === 0 ? q.where("o.task_id", "is", null) : q.where((eb) => eb.or([eb("o.task_id", "is", null), eb("o.task_id", "in", [...visible])]));
}

/** The unread count alone (the header's bell, rendered on the server with every page), of apps the user may see now. */
export async function unreadCount(db: Db, user: Principal): Promise<number> {
  const r = await visibleInbox(db, user)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("i.read_at", "is", null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The newest items (unread ones only when asked), and the unread count, of apps the user may see. */
export async function listInbox(db: Db, user: Principal, unreadOnly = false): Promise<Inbox> {
  let q = visibleInbox(db, user).select(["i.id", "i.kind", "i.at", "i.payload", "i.read_at"]);
  if (unreadOnly) q = q.where("i.read_at", "is", null);
  const [rows, unread] = await Promise.all([q.orderBy("i.at", "desc").orderBy("i.id").limit(INBOX_SIZE).execute(), unreadCount(db, user)]);
  return { items: rows.map(itemOf), unread };
}

export async function markRead(db: Db, user: Principal, ids: string[] | undefined, now: Date): Promise<Inbox> {
  let q = db.updateTable("inbox").set({ read_at: now.toISOString() }).where("user_id", "=", user.id).where("read_at", "is", null);
  if (ids) q = q.where("id", "in", ids);
  await q.execute();
  return listInbox(db, user);
}
