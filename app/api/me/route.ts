// GET /api/me – the signed-in user and their grants (team grants and the global role)
import { meSchema } from "@/lib/schemas/access";
import { route } from "@/lib/server/route";
import { toMe } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";

export const GET = route({ permission: "view", response: meSchema }, ({ user }) => Promise.resolve(toMe(user)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
