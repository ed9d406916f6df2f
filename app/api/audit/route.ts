// GET /api/audit – the deploy ledger, filtered and paged (rows of the tasks the user may view)
import { auditQuerySchema, type LedgerPage } from "@/lib/schemas/ledger";
import { db } from "@/lib/server/db";
import { listLedger } from "@/lib/server/ledger/query";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "view", query: auditQuerySchema }, async ({ query, user }): Promise<LedgerPage> => {
  return listLedger(db(), query, visibleTasks(user));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
