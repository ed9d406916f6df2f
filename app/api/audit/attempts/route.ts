// GET /api/audit/attempts – the deploy ledger by attempt: each request with how it ended (filters and paging as
// GET /api/audit), records named by release # where the task's history has it
import { consoleApi } from "@/lib/schemas/api";
import { withReleases } from "@/lib/server/audit-releases";
import { codearts } from "@/lib/server/codearts";
import { db } from "@/lib/server/db";
import { listAttempts } from "@/lib/server/ledger/query";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/audit/attempts"], async ({ query, user, requestId }) => {
  const page = await listAttempts(db(), query, visibleTasks(user));
  return { ...page, items: await withReleases(codearts(), page.items, requestId) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
