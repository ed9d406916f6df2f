import "server-only";
/**
 * The header's unread count for the page being rendered (app/(console)/layout.tsx and app/not-found.tsx pass it to
 * the site header): the signed-in user of the request's session cookie, with the current rights the API would
 * see (the same principalOf), and the inbox items of apps they may see now. Null when nobody is signed in.
 */
import { headers } from "next/headers";
import type { Watch } from "../schemas/notify";
import { unstable_rethrow } from "next/navigation";
import { NextRequest } from "next/server";
import { principalOf } from "./auth/session";
import { db } from "./db";
import { log } from "./log";
import { unreadCount } from "./notify/inbox";
import { ready } from "./startup";

/** `unread` null: the count could not be read (the bell is shown without it). */
export interface HeaderInbox {
  unread: number | null;
}

export async function headerInbox(): Promise<HeaderInbox | null> {
  // Outside the try: reading the request is what marks the page dynamic, and Next.js signals that by throwing.
  const cookie = (await headers()).get("cookie");
  if (!cookie) return null;
  try {
    await ready();
    const user = await principalOf(new NextRequest("http://localhost/", { headers: { cookie } }));
    if (!user) return null;
    try {
      return { unread: await unreadCount(db(), user) };
    } catch (err) {
      log.warn("unread count not rendered", { detail: String(err) });
      return { unread: null };
    }
  } catch (err) {
    unstable_rethrow(err);
    log.warn("header: signed-in user not read", { detail: String(err) });
    return null;
  }
}

/** The user's watch of an app or one record, from GET /api/me/watches's answer (the Watch toggle's first state). */
export const watchOf = (watches: Watch[] | null, taskId: string, recordId?: string): Watch | null =>
  watches?.find((w) => w.taskId === taskId && w.recordId === (recordId ?? null)) ?? null;
