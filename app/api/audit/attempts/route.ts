// GET /api/audit/attempts – the deploy ledger by attempt: each request with how it ended (filters and paging as GET /api/audit)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { listAttempts } from "@/lib/server/ledger/query";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/audit/attempts"], async ({ query, user }) => listAttempts(db(), query, visibleTasks(user)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
