// GET /api/admin/users – every user with teams and sign-in lock; POST – create a local account (admins only)
import { consoleApi } from "@/lib/schemas/api";
import { hashPassword } from "@/lib/server/auth/password";
import { db } from "@/lib/server/db";
import { createUser, getAdminUser, listUsers } from "@/lib/server/db/users";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { ApiError } from "@/lib/server/errors";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/users"], () => listUsers(db()));

export const POST = route(consoleApi["POST /api/admin/users"], async ({ body, user, requestId }) => {
  const created = await createUser(db(), {
    email: body.email,
    name: body.name,
    passwordHash: await hashPassword(body.password),
    role: body.role ?? null,
    source: "local",
  });
  log.info("user created", { requestId, by: user.email, userId: created.id, email: created.email, role: created.role });
  const answer = await getAdminUser(db(), created.id);
  if (!answer) throw new ApiError("not_found", `User ${created.email} was deleted again before it could be shown.`);
  return answer;
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
