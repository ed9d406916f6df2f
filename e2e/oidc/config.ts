/** Settings shared by the e2e OIDC provider, the console under test (env) and the specs. */
const port = Number(process.env.E2E_OIDC_PORT ?? 9230);
const consolePort = Number(process.env.E2E_PORT ?? 3210);

export const OIDC = {
  port,
  issuer: `http://127.0.0.1:${port}`,
  clientId: "codearts-console-e2e",
  clientSecret: "e2e-oidc-client-secret-0123456789",
  redirectUri: `http://localhost:${consolePort}/api/auth/callback/oidc`,
  name: "E2E SSO",
  /** Account name typed into the provider's development login form. */
  account: "sso-deployer",
  accountEmail: "sso.deployer@e2e.test",
  /** Its groups claim value, mapped to a console team with a grant. */
  group: "console-deployers",
};
