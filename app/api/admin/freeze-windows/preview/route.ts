// POST /api/admin/freeze-windows/preview – the next occurrences of a schedule, before it is saved (the admin form)
import { consoleApi } from "@/lib/schemas/api";
import { previewOf } from "@/lib/server/deploy/freeze";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const POST = route(consoleApi["POST /api/admin/freeze-windows/preview"], async ({ body }) => ({ next: previewOf(body, Date.now()) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
