// GET /api/apps – the task picker (ListAllApp), with q, page, size and a last-state filter
import { appsQuerySchema } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { route } from "@/lib/server/route";

export const GET = route({ query: appsQuerySchema }, ({ query }) =>
  codearts().listApps({ q: query.q, page: query.page, size: query.size, state: query.state }),
);
