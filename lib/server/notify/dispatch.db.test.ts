/**
 * The outbox to the receivers, on both dialects: events routed by subscription, delivered once to real local
 * receivers that verify each platform's signature, retried after a receiver was down, dead-lettered when retrying
 * cannot help, leased so two processes send each delivery once; watchers' inboxes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, OTHER, input, newTaskId, openFixture } from "../deploy/db-fixture";
import { startDeployment } from "../deploy/start";
import type { Principal } from "../permissions";
import { createChannel, createSubscription, listChannels, listDeliveries, retryDelivery } from "./admin";
import { MAX_ATTEMPTS, backoffMs, deliverOnce } from "./deliver";
import { listInbox, markRead, putWatch } from "./inbox";
import { routeOnce } from "./router";
import { type Receiver, startReceiver } from "./testing/receivers";
import { startSmtpProcess } from "./testing/smtp-process";

const settings = { timeoutMs: 2_000, smtpUrl: null, mailFrom: "console@test.local" };
const admin = { actor: { id: ACTOR.id, name: ACTOR.name, email: ACTOR.email, teams: [] }, client: { address: null, userAgent: null, requestId: null } };
const principal = (u: typeof OTHER): Principal => ({ id: u.id, email: u.email, name: u.name, role: "viewer", provider: "credentials", grants: [] });

describe.each(DIALECTS)("notification dispatch on %s", (dialect) => {
  let f: Fixture;
  let hooks: { webhook: Receiver; feishu: Receiver; wecom: Receiver; dingtalk: Receiver };
  const channelIds: Record<string, string> = {};
  beforeAll(async () => {
    f = await openFixture(dialect);
    hooks = {
      webhook: await startReceiver("webhook"),
      feishu: await startReceiver("feishu", { secret: "feishu-signing-secret-1" }),
      wecom: await startReceiver("wecom"),
      dingtalk: await startReceiver("dingtalk", { secret: "SECdingtalk-signing-secret" }),
    };
    for (const [kind, r] of Object.entries(hooks)) {
      const c = await createChannel(
        f.t.db,
        admin,
        {
          name: `${kind} channel`,
          kind: kind as "webhook",
          language: kind === "wecom" ? "zh-CN" : "en",
          url: r.url,
          secret: r.secret ?? undefined,
          enabled: true,
        },
        new Date(),
      );
      channelIds[kind] = c.id;
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(hooks).map((r) => r.close()));
    await f.t.close();
  });

  const deploy = async (taskId: string) => {
    const out = await startDeployment(f.deps, input(taskId, { body: { params: [], reason: "release 42" } }));
    return out.kind === "started" ? out.result.id : "";
  };
  const resetAll = () => Object.values(hooks).forEach((r) => r.reset());

  it("delivers one correctly signed message per channel for a deployment, naming the person and linking the record", async () => {
    const taskId = newTaskId();
    for (const id of Object.values(channelIds)) {
      await createSubscription(f.t.db, admin, { channelId: id, scope: { kind: "apps", taskIds: [taskId] }, events: ["deploy.started"] }, new Date());
    }
    resetAll();
    const recordId = await deploy(taskId);
    expect(await routeOnce(f.t.db, { mailWatchers: false })).toBe(4);
    expect(await routeOnce(f.t.db, { mailWatchers: false })).toBe(0); // routed once
    expect(await deliverOnce(f.t.db, settings)).toMatchObject({ delivered: 4, retrying: 0, dead: 0 });
    for (const r of Object.values(hooks)) {
      expect(r.accepted()).toHaveLength(1);
      expect(r.received).toHaveLength(1);
      const raw = r.accepted()[0]!.raw;
      expect(raw).toContain("Ada");
      expect(raw).toContain(`/tasks/${taskId}/records/${recordId}`);
    }
    expect(hooks.wecom.accepted()[0]!.raw).toContain("部署已开始");
    expect(await deliverOnce(f.t.db, settings)).toMatchObject({ delivered: 0 }); // nothing left
  });

  it("retries after a receiver was down, with back-off, and shows it in the delivery log", async () => {
    const taskId = newTaskId();
    await createSubscription(
      f.t.db,
      admin,
      { channelId: channelIds.webhook!, scope: { kind: "apps", taskIds: [taskId] }, events: ["deploy.started"] },
      new Date(),
    );
    resetAll();
    hooks.webhook.setDown(true);
    await deploy(taskId);
    await routeOnce(f.t.db, { mailWatchers: false });
    expect(await deliverOnce(f.t.db, settings)).toMatchObject({ retrying: 1 });
    const [d] = await listDeliveries(f.t.db, channelIds.webhook!);
    expect(d).toMatchObject({ state: "pending", attempts: 1, lastStatus: 503 });
    expect(Date.parse(d!.nextAt!) - Date.now()).toBeGreaterThan(4_000); // not before the back-off
    expect(await deliverOnce(f.t.db, settings)).toMatchObject({ retrying: 0, delivered: 0 });
    expect((await listChannels(f.t.db)).find((c) => c.id === channelIds.webhook)).toMatchObject({ pending: 1, dead: 0 });
    hooks.webhook.setDown(false);
    await retryDelivery(f.t.db, admin, d!.id, new Date()); // the back-off elapsed (or "retry now")
    expect(await deliverOnce(f.t.db, settings)).toMatchObject({ delivered: 1 });
    expect(hooks.webhook.accepted()).toHaveLength(1);
    const ids = hooks.webhook.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(1); // the same event id on every attempt: the receiver de-duplicates
    expect((await listDeliveries(f.t.db, channelIds.webhook!))[0]).toMatchObject({ state: "delivered", attempts: 2, lastStatus: 204 });
  });

  it("dead-letters at once when the receiver refuses the signature", async () => {
    const bad = await startReceiver("feishu", { secret: "the-receivers-real-secret" });
    try {
      const c = await createChannel(
        f.t.db,
        admin,
        { name: "wrong secret", kind: "feishu", language: "en", url: bad.url, secret: "not-the-right-secret", enabled: true },
        new Date(),
      );
      const taskId = newTaskId();
      await createSubscription(f.t.db, admin, { channelId: c.id, scope: { kind: "apps", taskIds: [taskId] }, events: ["deploy.started"] }, new Date());
      await deploy(taskId);
      await routeOnce(f.t.db, { mailWatchers: false });
      expect(await deliverOnce(f.t.db, settings)).toMatchObject({ dead: 1 });
      expect((await listDeliveries(f.t.db, c.id))[0]).toMatchObject({ state: "dead", attempts: 1 });
      expect(bad.accepted()).toHaveLength(0);
    } finally {
      await bad.close();
    }
  });

  it("two processes delivering at once send each delivery once", async () => {
    const taskId = newTaskId();
    for (const id of Object.values(channelIds)) {
      await createSubscription(f.t.db, admin, { channelId: id, scope: { kind: "all" }, events: ["deploy.started"] }, new Date());
    }
    resetAll();
    await deploy(taskId);
    await Promise.all([routeOnce(f.t.db, { mailWatchers: false }), routeOnce(f.t.db, { mailWatchers: false })]);
    await Promise.all([deliverOnce(f.t.db, settings), deliverOnce(f.t.db, settings)]);
    for (const r of Object.values(hooks)) expect(r.accepted().filter((x) => x.raw.includes(taskId))).toHaveLength(1);
  });

  it("puts a watched app's events in the watcher's inbox, not the actor's", async () => {
    const taskId = newTaskId();
    await putWatch(f.t.db, { ...principal(OTHER), role: "viewer" }, { taskId, email: false, language: "en" }, new Date());
    await deploy(taskId);
    await routeOnce(f.t.db, { mailWatchers: false });
    const inbox = await listInbox(f.t.db, principal(OTHER));
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    expect(inbox.items[0]).toMatchObject({ kind: "deploy.started", taskId, read: false, actor: { email: ACTOR.email } });
    expect((await listInbox(f.t.db, principal(ACTOR as typeof OTHER))).items.filter((i) => i.taskId === taskId)).toHaveLength(0);
    // Without the right to see the app any more, its items are not answered.
    const blind: Principal = { ...principal(OTHER), role: null };
    expect((await listInbox(f.t.db, blind)).items.filter((i) => i.taskId === taskId)).toHaveLength(0);
    expect((await markRead(f.t.db, principal(OTHER), undefined, new Date())).unread).toBe(0);
  });

  it("e-mails a watcher who asked for it, in the language they watch in, through a real SMTP server", async () => {
    const smtp = await startSmtpProcess({ user: "console", password: "smtp-test-password" });
    try {
      const taskId = newTaskId();
      await putWatch(f.t.db, principal(OTHER), { taskId, email: true, language: "zh-CN" }, new Date());
      const recordId = await deploy(taskId);
      expect(await routeOnce(f.t.db, { mailWatchers: true })).toBeGreaterThanOrEqual(1);
      // (The "all apps" subscriptions of the test before take this deployment too.)
      expect((await deliverOnce(f.t.db, { ...settings, smtpUrl: smtp.url() })).dead).toBe(0);
      const [mail] = (await smtp.messages()).filter((m) => JSON.stringify(m).includes(recordId));
      expect(JSON.stringify(mail)).toContain(OTHER.email);
      expect(JSON.stringify(mail)).toContain("部署已开始");
    } finally {
      await smtp.stop();
    }
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffMs(1, () => 0)).toBe(5_000);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(10_000);
    expect(backoffMs(4, () => 0)).toBe(40_000);
    expect(backoffMs(MAX_ATTEMPTS + 10, () => 0)).toBe(3_600_000);
  });
});
