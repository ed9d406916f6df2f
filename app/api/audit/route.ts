// GET /api/audit – the deploy ledger, filtered and paged (rows of the tasks the user may view)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { listLedger } from "@/lib/server/ledger/query";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/audit"], async ({ query, user }) => {
  return listLedger(db(), query, visibleTasks(user));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
