// GET /api/openapi.json – the console API as an OpenAPI 3.1 document, generated from its contract table (no session needed)
import { consoleApi } from "@/lib/schemas/api";
import { otherMethods } from "@/lib/server/methods";
import { openApiDocument } from "@/lib/server/openapi";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(consoleApi["GET /api/openapi.json"], async () => openApiDocument());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
