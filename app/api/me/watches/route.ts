// GET /api/me/watches – what the signed-in user watches; PUT – watch an app or a record; DELETE – stop watching it
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { otherMethods } from "@/lib/server/methods";
import { deleteWatch, listWatches, putWatch } from "@/lib/server/notify/inbox";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/me/watches"], ({ user }) => listWatches(db(), user));

export const PUT = route(consoleApi["PUT /api/me/watches"], ({ user, body }) => putWatch(db(), user, body, new Date()));

export const DELETE = route(consoleApi["DELETE /api/me/watches"], async ({ user, query }) => {
  await deleteWatch(db(), user, query);
  return null;
});

export const { POST, PATCH, OPTIONS } = otherMethods({ GET, PUT, DELETE });
