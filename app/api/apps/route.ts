// GET /api/apps – the task picker (ListAllApp), with q, page, size and a last-state filter; only the apps the
// user has a grant for (all of them with a role on all apps), each with what the user may do with it
import { consoleApi } from "@/lib/schemas/api";
import { listAppsFor } from "@/lib/server/apps-access";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/apps"], ({ query, user }) =>
  listAppsFor(user, { q: query.q, page: query.page, size: query.size, state: query.state }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
