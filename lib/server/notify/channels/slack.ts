import "server-only";
/**
 * Slack incoming webhook (docs.slack.dev/messaging/sending-messages-using-incoming-webhooks): POST JSON to
 * `https://hooks.slack.com/services/T…/B…/…` — the path is the credential. The message is Block Kit: a header
 * (plain_text, at most 150 characters), a section of mrkdwn fields (at most 10, each at most 2000 characters) and an
 * actions block with a link button (text at most 75 characters, url at most 3000); `text` is the notification's
 * fallback. mrkdwn escapes exactly `&`, `<` and `>` as HTML entities (which also keeps `<!channel>` from being
 * formed). Slack answers 200 `ok`; errors are a status and a word (api.slack.com/changelog/2016-05-17-changes-to-
 * errors-for-incoming-webhooks): 400 invalid_payload, 403 action_prohibited / invalid_token, 404 channel_not_found /
 * no_service, 410 channel_is_archived — all final — and 500 rollup_error, which passes.
 */
import { describe } from "../describe";
import type { Channel, NotifyEvent, Sender } from "../types";
import { misconfigured, postJson } from "./http";
import { entityMarkdown, isWebLink, oneLine } from "./render";

const HEADER_MAX = 150;
const FIELDS_MAX = 10;
const FIELD_MAX = 2000;
const BUTTON_TEXT_MAX = 75;
const BUTTON_URL_MAX = 3000;

/** A URL inside `<url|text>`: the three characters that would end it early, percent-encoded. */
const slackHref = (href: string) => href.replace(/[<>|]/g, (c) => encodeURIComponent(c));

const cut = (text: string, max: number) => {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
};

function slackMessage(event: NotifyEvent, language: Channel["language"]) {
  const words = describe(event, language);
  const fields = words.fields.slice(0, FIELDS_MAX).map((f) => {
    const value = f.href && isWebLink(f.href) ? `<${slackHref(f.href)}|${entityMarkdown(f.value)}>` : entityMarkdown(f.value);
    return { type: "mrkdwn", text: cut(`*${entityMarkdown(f.label)}*\n${value}`, FIELD_MAX) };
  });
  const link = words.link && words.link.href.length <= BUTTON_URL_MAX ? words.link : null;
  return {
    // The fallback is plain text in notifications, still read as mrkdwn: escaped the same way.
    text: entityMarkdown(words.summary),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(oneLine(words.title), HEADER_MAX), emoji: true } },
      ...(fields.length ? [{ type: "section", fields }] : []),
      ...(link
        ? [
            {
              type: "actions",
              elements: [{ type: "button", text: { type: "plain_text", text: cut(link.label, BUTTON_TEXT_MAX) }, url: link.href, action_id: "open" }],
            },
          ]
        : []),
    ],
  };
}

export const sendSlack: Sender = async (channel, event, ctx) => {
  if (!channel.url) return misconfigured("no URL");
  return postJson({ url: channel.url, body: JSON.stringify(slackMessage(event, channel.language)) }, ctx);
};
