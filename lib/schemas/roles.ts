/**
 * The roles, lowest first, and the grant target that means every app — plain constants (no zod), so client
 * components (the admin's role selects and app pickers) can import them without a schema library.
 */
export const ROLES = ["viewer", "deployer", "admin"] as const;
export const ALL_APPS = "*";
