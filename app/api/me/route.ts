// GET /api/me – the signed-in user and their grants (team grants and the global role)
import { consoleApi } from "@/lib/schemas/api";
import { route } from "@/lib/server/route";
import { toMe } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";

export const GET = route(consoleApi["GET /api/me"], ({ user }) => Promise.resolve(toMe(user)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
