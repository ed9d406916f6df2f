import "server-only";
/**
 * Demo mode's accounts (simulator upstream only): three roles that make the permissions visible on the
 * simulator's seed. In cloud mode they are neither seeded nor accepted, even if present in the database.
 */
import { DEMO_APPS, seedAppRef } from "../../codearts/demo";
import { ALL_APPS } from "../../schemas/access";
import type { AccessPlan } from "../db/access-plan";

const DEMO_DOMAIN = "demo.local";
export const isDemoEmail = (email: string) => email.trim().toLowerCase().endsWith(`@${DEMO_DOMAIN}`);

export const DEMO_ACCOUNTS = {
  admin: `admin@${DEMO_DOMAIN}`,
  dev: `dev@${DEMO_DOMAIN}`,
  viewer: `viewer@${DEMO_DOMAIN}`,
} as const;

const { orders, inventory, failing, draft, pipelineOnly, warehouse, favourite } = Object.fromEntries(
  Object.entries(DEMO_APPS).map(([role, app]) => [role, seedAppRef(app)]),
) as Record<keyof typeof DEMO_APPS, ReturnType<typeof seedAppRef>>;

export function demoPlan(password: string): AccessPlan {
  return {
    users: [
      { email: DEMO_ACCOUNTS.admin, name: "Demo Admin", password, role: "admin" },
      { email: DEMO_ACCOUNTS.dev, name: "Demo Developer", password, role: null },
      { email: DEMO_ACCOUNTS.viewer, name: "Demo Viewer", password, role: null },
    ],
    teams: [
      { name: "viewers", members: [DEMO_ACCOUNTS.viewer, DEMO_ACCOUNTS.dev], grants: [{ app: ALL_APPS, role: "viewer" }] },
      {
        name: "developers",
        members: [DEMO_ACCOUNTS.dev],
        grants: [orders, favourite, inventory, failing, draft, pipelineOnly, warehouse].map((app) => ({ app, role: "deployer" as const })),
      },
    ],
    protectedApps: [{ app: warehouse, by: DEMO_ACCOUNTS.admin }],
  };
}
