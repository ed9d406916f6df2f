import "server-only";
/** Who can grant a missing right: a few administrators' e-mail addresses (never unusable demo accounts). */
import { db } from "../db";
import { adminEmails } from "../db/users";
import { env } from "../env";
import { isDemoEmail } from "./demo";

const SHOWN = 3;

export async function grantors(): Promise<string[]> {
  const acceptDemo = env().mode === "demo";
  const emails = await adminEmails(db(), SHOWN * 2);
  return emails.filter((e) => acceptDemo || !isDemoEmail(e)).slice(0, SHOWN);
}
