/** The demo accounts' grants name the simulator's own seed apps (they are computed apart, from lib/codearts/demo.ts). */
import { describe, expect, it } from "vitest";
import { SEED } from "../../codearts/simulator/seed";
import { demoPlan } from "./demo";

describe("demo plan", () => {
  it("grants and protects apps that the simulator's seed has, by the same ids and names", () => {
    const plan = demoPlan("demo-password-123");
    const apps = [...plan.teams.flatMap((t) => t.grants.map((g) => g.app)), ...plan.protectedApps.map((p) => p.app)].filter((a) => a !== "*");
    expect(apps.length).toBe(8);
    const seeded = Object.values(SEED.apps);
    for (const app of apps) expect(seeded).toContainEqual(app);
    expect(plan.protectedApps[0]?.app).toEqual(SEED.apps.warehouse);
  });
});
