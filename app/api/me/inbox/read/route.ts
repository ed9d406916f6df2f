// POST /api/me/inbox/read – mark the listed notifications read (all of them when no ids are given)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { otherMethods } from "@/lib/server/methods";
import { markRead } from "@/lib/server/notify/inbox";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/me/inbox/read"], ({ user, body }) => markRead(db(), user, body.ids, new Date()));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
