/** Public surface of the simulator (tests, the console's start script, docs). */
export { createSimulator } from "./server";
export { FAULT_PRESETS, type FaultRule } from "./faults";
export type { CallsSnapshot, StartCall } from "./calls";
export { SEED } from "./seed";
export * from "../demo";
