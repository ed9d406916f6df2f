/**
 * Signing in and out: a local account through the sign-in page, a team account through a real OIDC provider on
 * loopback (its groups claim maps to a console team with a grant), and the back-off on repeated wrong passwords.
 */
import { apiAs, expect, signInViaApi, test } from "./fixtures";
import { OIDC } from "./oidc/config";
import { PASSWORD, SSO_APP, USERS } from "./users";

test.use({ storageState: { cookies: [], origins: [] } });

test("a page without a session leads to the sign-in page and back; the API answers 401", async ({ page, request }) => {
  await page.goto("/apps?q=x");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/apps?q=x");
  const r = await request.get("/api/apps");
  expect(r.status()).toBe(401);
  expect(((await r.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
});

test("sign in with a local account, see who is signed in, sign out", async ({ page }) => {
  await page.goto("/tasks/" + SSO_APP.taskId);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByTestId("signin-email").fill(USERS.signin.email);
  await page.getByTestId("signin-password").fill("not-the-password");
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("signin-error")).toHaveAttribute("data-kind", "wrongCredentials");

  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${SSO_APP.taskId}$`));
  await expect(page.getByTestId("user-menu")).toContainText(USERS.signin.name);
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  // HttpOnly and SameSite=Lax; Secure only under https (NEXTAUTH_URL is http here).
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  await page.getByTestId("signout-button").click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign in through the OIDC provider; its groups claim grants the team's rights", async ({ page }) => {
  await page.goto("/apps");
  await page.getByTestId("signin-oidc").click();
  // The provider's own (development) login and consent pages.
  await expect(page).toHaveURL(new RegExp(`^${OIDC.issuer}/`));
  await page.locator('input[name="login"]').fill(OIDC.account);
  await page.locator('input[name="password"]').fill("any");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]', { hasText: /continue/i }).click();

  await expect(page).toHaveURL(/localhost:\d+\/apps/);
  const me = (await (await page.request.get("/api/me")).json()) as {
    user: { email: string; provider: string; isAdmin: boolean };
    grants: { teamName: string | null; appName: string | null; role: string }[];
  };
  expect(me.user).toMatchObject({ email: OIDC.accountEmail, provider: "oidc", isAdmin: false });
  expect(me.grants).toEqual([expect.objectContaining({ teamName: "e2e-sso", appName: SSO_APP.name, role: "deployer" })]);
  // The mapped team's grant is the user's only right: that app, and nothing else.
  const apps = (await (await page.request.get("/api/apps")).json()) as { items: { taskId: string; access: { canDeploy: boolean } }[] };
  expect(apps.items.map((a) => [a.taskId, a.access.canDeploy])).toEqual([[SSO_APP.taskId, true]]);
  await page.getByTestId("signout-button").click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("demo accounts are refused against a real endpoint, even when present in the database", async ({ playwright }) => {
  const request = await apiAs(playwright, "anonymous");
  const headers = { "x-forwarded-for": "203.0.113.90" };
  expect(await signInViaApi(request, USERS.plantedDemo.email, PASSWORD, { headers })).toBe("CredentialsSignin");
  expect((await request.get("/api/me")).status()).toBe(401);
  await request.dispose();
});

test("repeated wrong passwords slow down, then lock that address out; the owner still signs in from another", async ({ playwright }) => {
  test.setTimeout(120_000);
  // Its own client address (the specs play the trusted proxy), so other tests' counters stay untouched.
  const headers = { "x-forwarded-for": "203.0.113.77" };
  const request = await apiAs(playwright, "anonymous");
  const attempt = (password: string) => signInViaApi(request, USERS.lockout.email, password, { headers });
  for (let i = 0; i < 3; i++) expect(await attempt("wrong-password")).toBe("CredentialsSignin");
  // Inside the wait even the right password is not checked.
  expect(await attempt(PASSWORD)).toBe("throttled");
  // Waits of 1, 2, 4, 8, 10, 10, 10 s between the next failures; the tenth failure locks this address out.
  for (const wait of [1, 2, 4, 8, 10, 10, 10]) {
    await new Promise((r) => setTimeout(r, wait * 1000 + 200));
    expect(await attempt("wrong-password")).toBe("CredentialsSignin");
  }
  expect(await attempt(PASSWORD)).toBe("locked_out");
  // A stranger's failures do not lock the owner out: from the owner's own address the right password gets in.
  const owner = await apiAs(playwright, "anonymous");
  expect(await signInViaApi(owner, USERS.lockout.email, PASSWORD, { headers: { "x-forwarded-for": "203.0.113.79" } })).toBeNull();
  expect((await owner.get("/api/me")).status()).toBe(200);
  // The admin sees the lock and can lift it (every counter of the account; the address's own counter across
  // accounts stays, so that address still waits).
  const admin = await apiAs(playwright, "admin");
  const users = (await (await admin.get("/api/admin/users")).json()) as { id: string; email: string; lockedUntil: string | null }[];
  const locked = users.find((u) => u.email === USERS.lockout.email);
  expect(Date.parse(locked?.lockedUntil ?? "") - Date.now()).toBeGreaterThan(14 * 60_000);
  expect((await admin.patch(`/api/admin/users/${locked?.id}`, { data: { unlock: true } })).status()).toBe(200);
  const after = (await (await admin.get("/api/admin/users")).json()) as { email: string; lockedUntil: string | null }[];
  expect(after.find((u) => u.email === USERS.lockout.email)?.lockedUntil).toBeNull();
  expect(await attempt(PASSWORD)).toBe("throttled");
  await Promise.all([admin.dispose(), owner.dispose(), request.dispose()]);
});
