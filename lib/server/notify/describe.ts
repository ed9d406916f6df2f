import "server-only";
/**
 * An event in words, in the channel's language: a title and labelled fields, shared by every channel's renderer
 * (a card for Feishu, markdown for WeCom and DingTalk, Block Kit for Slack, HTML + text for e-mail). Server-side
 * text: a channel's language is the channel's, not the reader's browser's.
 */
import type { EventKind, NotifyLanguage } from "../../schemas/notify";
import type { Finish, NotifyEvent } from "./types";

interface Words {
  kinds: Record<EventKind, string>;
  finish: Record<Finish["state"], string>;
  app: string;
  by: string;
  record: string;
  rollbackTo: string;
  reason: string;
  outcome: string;
  duration: string;
  failedStep: string;
  help: string;
  refusal: string;
  until: string;
  windows: string;
  open: string;
  details: string;
  test: string;
  someone: string;
  unnamedApp: string;
}

const WORDS: Record<NotifyLanguage, Words> = {
  en: {
    kinds: {
      "deploy.started": "Deployment started",
      "rollback.started": "Rollback started",
      "deploy.succeeded": "Deployment succeeded",
      "deploy.failed": "Deployment failed",
      "deploy.stopped": "Deployment stopped",
      "deploy.refused": "Deployment refused",
      "lock.created": "Deployments locked",
      "lock.released": "Deploy lock released",
      "lock.broken": "Deploy lock broken",
      "freeze.overridden": "Freeze window overridden",
      "approval.requested": "Approval requested",
      "approval.approved": "Deployment approved",
      "approval.rejected": "Deployment rejected",
    },
    finish: { succeeded: "succeeded", failed: "failed", stopped: "stopped", timeout: "timed out", unknown: "unknown" },
    app: "App",
    by: "By",
    record: "Record",
    rollbackTo: "Back to record",
    reason: "Reason",
    outcome: "Outcome",
    duration: "Duration",
    failedStep: "Failed step",
    help: "Help",
    refusal: "Refused",
    until: "Until",
    windows: "Freeze windows",
    open: "Open in the console",
    details: "Details",
    test: "Test message",
    someone: "someone outside the console",
    unnamedApp: "an app",
  },
  "zh-CN": {
    kinds: {
      "deploy.started": "部署已开始",
      "rollback.started": "回滚已开始",
      "deploy.succeeded": "部署成功",
      "deploy.failed": "部署失败",
      "deploy.stopped": "部署已停止",
      "deploy.refused": "部署被拒绝",
      "lock.created": "部署已锁定",
      "lock.released": "部署锁已解除",
      "lock.broken": "部署锁被强制解除",
      "freeze.overridden": "越过封版窗口",
      "approval.requested": "请求审批",
      "approval.approved": "部署已批准",
      "approval.rejected": "部署被驳回",
    },
    finish: { succeeded: "成功", failed: "失败", stopped: "已停止", timeout: "超时", unknown: "未知" },
    app: "应用",
    by: "操作人",
    record: "部署记录",
    rollbackTo: "回滚到记录",
    reason: "原因",
    outcome: "结果",
    duration: "耗时",
    failedStep: "失败步骤",
    help: "帮助",
    refusal: "拒绝原因",
    until: "截止",
    windows: "封版窗口",
    open: "在控制台中查看",
    details: "详情",
    test: "测试消息",
    someone: "控制台外的用户",
    unnamedApp: "某应用",
  },
};

export interface Field {
  label: string;
  value: string;
  /** A URL the value links to (the failed step's FAQ). */
  href?: string;
}

export interface Described {
  /** "Deployment failed · 订单服务". */
  title: string;
  /** One line for plain-text places (notification previews, e-mail subjects). */
  summary: string;
  fields: Field[];
  /** The record page (absolute), with its label. */
  link: { label: string; href: string } | null;
}

/** "2 min 5 s" / "2 分 5 秒". */
function formatDuration(ms: number, lang: NotifyLanguage): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = lang === "zh-CN" ? [h ? `${h} 小时` : "", m ? `${m} 分` : "", `${sec} 秒`] : [h ? `${h} h` : "", m ? `${m} min` : "", `${sec} s`];
  return parts.filter(Boolean).join(" ");
}

const personOf = (actor: NotifyEvent["actor"], lang: NotifyLanguage) =>
  actor.name && actor.email ? `${actor.name} <${actor.email}>` : (actor.name ?? actor.email ?? WORDS[lang].someone);

export function describe(e: NotifyEvent, lang: NotifyLanguage): Described {
  const w = WORDS[lang];
  const appName = e.app.name ?? w.unnamedApp;
  const fields: Field[] = [
    { label: w.app, value: appName },
    { label: w.by, value: personOf(e.actor, lang) },
  ];
  if (e.recordId) fields.push({ label: w.record, value: e.recordId });
  if (e.targetRecordId) fields.push({ label: w.rollbackTo, value: e.targetRecordId });
  if (e.finish) {
    fields.push({ label: w.outcome, value: w.finish[e.finish.state] });
    if (e.finish.durationMs !== null) fields.push({ label: w.duration, value: formatDuration(e.finish.durationMs, lang) });
    if (e.finish.failedStep) fields.push({ label: w.failedStep, value: e.finish.failedStep, ...(e.finish.faqUrl ? { href: e.finish.faqUrl } : {}) });
  }
  if (e.refusal)
    fields.push({
      label: w.refusal,
      value: `${e.refusal.status}${e.refusal.code ? ` ${e.refusal.code}` : ""}${e.refusal.message ? ` — ${e.refusal.message}` : ""}`,
    });
  if (e.detail.until) fields.push({ label: w.until, value: e.detail.until });
  if (e.detail.windows) fields.push({ label: w.windows, value: e.detail.windows });
  if (e.detail.message) fields.push({ label: w.details, value: e.detail.message });
  if (e.reason) fields.push({ label: w.reason, value: e.reason });
  const title = e.detail.test ? `${w.test} · ${w.kinds[e.kind]}` : `${w.kinds[e.kind]} · ${appName}`;
  return {
    title,
    summary: `${title} — ${personOf(e.actor, lang)}`,
    fields,
    link: e.link ? { label: w.open, href: e.link } : null,
  };
}
