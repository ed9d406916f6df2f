/**
 * A real OpenID Connect provider on loopback for the end-to-end tests (the `oidc-provider` package, not a mock):
 * discovery, PKCE-required authorization code flow, client_secret_basic, ID tokens carrying `groups`. Its
 * development login form accepts any account name (any password); the accounts below carry groups claims.
 */
import Provider from "oidc-provider";
import { OIDC } from "./config";

const ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> = {
  [OIDC.account]: { email: OIDC.accountEmail, name: "SSO Deployer", groups: [OIDC.group, "some-unrelated-group"] },
};

const provider = new Provider(OIDC.issuer, {
  clients: [
    {
      client_id: OIDC.clientId,
      client_secret: OIDC.clientSecret,
      redirect_uris: [OIDC.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  // Put the scope's claims into the ID token too (what Keycloak's and Azure AD's group mappers do).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["codearts-console-e2e-oidc-cookies"] },
  async findAccount(_ctx, sub) {
    const a = ACCOUNTS[sub] ?? { email: `${sub}@e2e.test`, name: sub, groups: [] };
    return { accountId: sub, claims: () => ({ sub, email: a.email, email_verified: true, name: a.name, groups: a.groups }) };
  },
});
// Provider-side failures land in the test output (the browser only sees a generic error page).
provider.on("server_error", (_ctx, err) => console.error("oidc server_error", err));

provider.listen(OIDC.port, "127.0.0.1", () => console.log(`OIDC test provider on ${OIDC.issuer}`));
