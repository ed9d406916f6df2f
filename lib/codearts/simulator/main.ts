/**
 * `npm run simulator`: the CodeArts Deploy + IAM simulator as its own process.
 * Env: SIMULATOR_PORT (9100), SIMULATOR_HOST (127.0.0.1), SIMULATOR_STEP_MS (1500), SIMULATOR_ADMIN_TOKEN (admin
 * and fault API, off when unset), SIMULATOR_APPS (apps to seed; above the hand-made seed, generated apps are added),
 * SIMULATOR_EXTRA_AK + SIMULATOR_EXTRA_SK (a second accepted credential pair), SIMULATOR_TOKEN_TTL_MS (IAM token
 * lifetime, 24 h).
 */
import { createSimulator } from "./server";
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STEP_MS, DEFAULT_TOKEN_TTL_MS } from "./state";

function intFromEnv(name: string, fallback: number | undefined, min: number, max: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    process.exit(1);
  }
  return value;
}

const simulator = createSimulator({
  port: intFromEnv("SIMULATOR_PORT", DEFAULT_PORT, 0, 65535),
  host: process.env.SIMULATOR_HOST?.trim() || DEFAULT_HOST,
  stepMs: intFromEnv("SIMULATOR_STEP_MS", DEFAULT_STEP_MS, 1, 3_600_000),
  adminToken: process.env.SIMULATOR_ADMIN_TOKEN || undefined,
  appCount: intFromEnv("SIMULATOR_APPS", undefined, 1, 1_000_000),
  tokenTtlMs: intFromEnv("SIMULATOR_TOKEN_TTL_MS", DEFAULT_TOKEN_TTL_MS, 0, 7 * 86_400_000),
  // One more AK/SK pair to accept besides the demo one (the e2e suite signs with canary credentials).
  extraCredentials:
    process.env.SIMULATOR_EXTRA_AK && process.env.SIMULATOR_EXTRA_SK ? { [process.env.SIMULATOR_EXTRA_AK]: process.env.SIMULATOR_EXTRA_SK } : undefined,
});

try {
  await simulator.listen();
} catch (error) {
  console.error(`CodeArts Deploy simulator could not listen: ${(error as Error).message}`);
  process.exit(1);
}
console.log(`CodeArts Deploy simulator listening on ${simulator.url}`);

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
