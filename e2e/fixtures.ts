import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { SIMULATOR_ADMIN_TOKEN, SIMULATOR_URL } from "../playwright.config";

/** The simulator's admin API: call counts (to prove the cloud was or was not called), faults, reset. */
export class SimulatorAdmin {
  constructor(private readonly request: APIRequestContext) {}

  private headers = { "x-sim-admin": SIMULATOR_ADMIN_TOKEN };

  async calls(): Promise<{ counts: Record<string, number>; starts: { taskId: string; recordId?: string; body: unknown }[] }> {
    const r = await this.request.get(`${SIMULATOR_URL}/__sim/calls`, { headers: this.headers });
    expect(r.ok()).toBeTruthy();
    return r.json();
  }

  async totalCalls(): Promise<number> {
    const c = await this.calls();
    return Object.values(c.counts).reduce((a, b) => a + b, 0);
  }

  async reset() {
    const r = await this.request.post(`${SIMULATOR_URL}/__sim/reset`, { headers: this.headers });
    expect(r.ok()).toBeTruthy();
  }

  async fault(rule: Record<string, unknown>) {
    const r = await this.request.post(`${SIMULATOR_URL}/__sim/faults`, { headers: this.headers, data: { rules: [rule] } });
    expect(r.ok()).toBeTruthy();
  }

  async clearFaults() {
    await this.request.delete(`${SIMULATOR_URL}/__sim/faults`, { headers: this.headers });
  }
}

export const test = base.extend<{ sim: SimulatorAdmin }>({
  sim: async ({ playwright }, use) => {
    const ctx = await playwright.request.newContext();
    const sim = new SimulatorAdmin(ctx);
    await sim.clearFaults();
    await use(sim);
    await sim.clearFaults();
    await ctx.dispose();
  },
});

export { expect };
