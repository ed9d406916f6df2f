/** The e2e identities (seeded by e2e/seed.ts; storage states written by auth.setup.ts). */
import { SEED } from "../lib/codearts/simulator/seed";

export const PASSWORD = "e2e-password-0123456789";

export const USERS = {
  /** Global admin role. */
  admin: { email: "admin@e2e.test", name: "E2E Admin", state: "e2e/.auth/admin.json" },
  /** Deployer on DEV_APPS only (no role on all apps). */
  dev: { email: "dev@e2e.test", name: "E2E Developer", state: "e2e/.auth/dev.json" },
  /** A second deployer on DEV_APPS (the other person of a two-person approval). */
  dev2: { email: "dev2@e2e.test", name: "E2E Second Deployer", state: "e2e/.auth/dev2.json" },
  /** Viewer on all apps. */
  viewer: { email: "viewer@e2e.test", name: "E2E Viewer", state: "e2e/.auth/viewer.json" },
  /** Signs in and out through the sign-in page. */
  signin: { email: "signin@e2e.test", name: "E2E Sign-in", state: "" },
  /** A demo account planted in the (cloud-mode) e2e database: it must be refused anyway. */
  plantedDemo: { email: "admin@demo.local", name: "Planted demo admin", state: "" },
  /** Gets locked out by the back-off test. */
  lockout: { email: "lockout@e2e.test", name: "E2E Lockout", state: "" },
} as const;

export type E2ERole = "admin" | "dev" | "dev2" | "viewer";

const { orders, favourite, inventory, failing, draft, pipelineOnly, warehouse } = SEED.apps;
/** The apps dev@ may deploy. `search` is deliberately not among them. */
export const DEV_APPS = [orders, favourite, inventory, failing, draft, pipelineOnly, warehouse];
/** Protected in the e2e seed (start needs the typed name and a reason). */
export const PROTECTED_APP = warehouse;
/** The app the SSO team (OIDC group) may deploy. */
export const SSO_APP = inventory;
