// GET /api/audit – the deploy ledger, filtered and paged (rows of the tasks the user may view)
import { auditQuerySchema, ledgerPageSchema } from "@/lib/schemas/ledger";
import { db } from "@/lib/server/db";
import { listLedger } from "@/lib/server/ledger/query";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", query: auditQuerySchema, response: ledgerPageSchema }, async ({ query, user }) => {
  return listLedger(db(), query, visibleTasks(user));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
