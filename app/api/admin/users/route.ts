// GET /api/admin/users – every user with teams and sign-in lock; POST – create a local account (admins only)
import { newUserBodySchema } from "@/lib/schemas/admin";
import { hashPassword } from "@/lib/server/auth/password";
import { db } from "@/lib/server/db";
import { createUser, getAdminUser, listUsers } from "@/lib/server/db/users";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route({ permission: "admin" }, () => listUsers(db()));

export const POST = route({ permission: "admin", body: newUserBodySchema, status: 201 }, async ({ body, user, requestId }) => {
  const created = await createUser(db(), {
    email: body.email,
    name: body.name,
    passwordHash: await hashPassword(body.password),
    role: body.role ?? null,
    source: "local",
  });
  log.info("user created", { requestId, by: user.email, userId: created.id, email: created.email, role: created.role });
  return getAdminUser(db(), created.id);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
