// GET /api/audit – the deploy ledger, filtered and paged (rows of the tasks the user may view), records named by
// release # where the task's history has it
import { consoleApi } from "@/lib/schemas/api";
import { withReleases } from "@/lib/server/audit-releases";
import { codearts } from "@/lib/server/codearts";
import { db } from "@/lib/server/db";
import { listLedger } from "@/lib/server/ledger/query";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/audit"], async ({ query, user, requestId }) => {
  const page = await listLedger(db(), query, visibleTasks(user));
  return { ...page, items: await withReleases(codearts(), page.items, requestId) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
