/** Signs in the admin, the two deployers and the viewer once and keeps their sessions for the specs. */
import { expect, test as setup } from "@playwright/test";
import { signInViaApi } from "./fixtures";
import { type E2ERole, PASSWORD, USERS } from "./users";

for (const role of ["admin", "dev", "dev2", "viewer"] as E2ERole[]) {
  setup(`sign in as ${role}`, async ({ request }) => {
    const u = USERS[role];
    expect(await signInViaApi(request, u.email, PASSWORD)).toBeNull();
    const me = await request.get("/api/me");
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(u.email);
    await request.storageState({ path: u.state });
  });
}
