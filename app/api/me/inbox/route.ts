// GET /api/me/inbox – the signed-in user's notifications (watched apps and records, approvals awaiting them) and the unread count
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { otherMethods } from "@/lib/server/methods";
import { listInbox } from "@/lib/server/notify/inbox";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/me/inbox"], ({ user, query }) => listInbox(db(), user, query.unread === "1"));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
