/** Public surface of the simulator (tests, the console's start script, docs). */
export { createSimulator, type Simulator } from "./server";
export type { SimulatorOptions } from "./state";
export { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STEP_MS, DEFAULT_TOKEN_TTL_MS } from "./state";
export { FAULT_PRESETS, type FaultPreset, type FaultRule } from "./faults";
export type { CallsSnapshot, StartCall } from "./calls";
export { SEED, SEED_USERS, type SeedIds, type SeedRole } from "./seed";
export * from "../demo";
export { UPSTREAM_UTC_OFFSET_MINUTES } from "./time";
