import "server-only";
/** The sender of each channel kind; the dispatcher's only way to a platform. */
import type { ChannelKind } from "../../../schemas/notify";
import type { Sender } from "../types";
import { sendDingtalk } from "./dingtalk";
import { sendEmail } from "./email";
import { sendFeishu } from "./feishu";
import { sendSlack } from "./slack";
import { sendWebhook } from "./webhook";
import { sendWecom } from "./wecom";

const SENDERS: Record<ChannelKind, Sender> = {
  webhook: sendWebhook,
  feishu: sendFeishu,
  wecom: sendWecom,
  dingtalk: sendDingtalk,
  slack: sendSlack,
  email: sendEmail,
};

export const senderOf = (kind: ChannelKind): Sender => SENDERS[kind];
