// An email in plain text and in simple NHS-style HTML: a clear subject, the project, the one thing
// to do and a link. No remote images, no scripts, every value escaped. Pure: links come in absolute.

export type EmailItem = {
  title: string;
  /** The project the item concerns, when there is one. */
  project?: string | null;
  /** One short line of what happened or what to do. */
  body?: string;
  /** Absolute URL. */
  link: string;
};

export type EmailInput = {
  subject: string;
  /** Greeting name. */
  name: string;
  intro: string;
  items: EmailItem[];
  /** Absolute URL of the one-click unsubscribe page for this kind. */
  unsubscribeUrl: string;
  /** Absolute URL of the person's notification settings. */
  settingsUrl: string;
  /** What stopping means, e.g. "Stop these emails". */
  unsubscribeLabel?: string;
};

export type EmailMessage = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Subjects are one line: no header injection through a title. */
export const oneLine = (s: string, max = 150) => {
  const flat = s
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function renderEmail(input: EmailInput): EmailMessage {
  const subject = oneLine(input.subject);
  const stop = input.unsubscribeLabel ?? "Stop these emails";
  const text = [
    `Dear ${oneLine(input.name, 80)},`,
    "",
    input.intro,
    "",
    ...input.items.flatMap((item) => [
      `- ${oneLine(item.title, 200)}${item.project ? ` (${oneLine(item.project, 120)})` : ""}`,
      ...(item.body ? [`  ${oneLine(item.body, 300)}`] : []),
      `  ${item.link}`,
      "",
    ]),
    "--",
    "Stepping Up: quality improvement",
    `Choose which emails you get: ${input.settingsUrl}`,
    `${stop}: ${input.unsubscribeUrl}`,
    "",
  ].join("\n");

  const items = input.items
    .map(
      (item) =>
        `<li style="margin:0 0 16px 0"><a href="${escapeHtml(item.link)}" style="color:#005eb8;font-weight:bold">${escapeHtml(oneLine(item.title, 200))}</a>` +
        (item.project ? `<br><span style="color:#4c6272">${escapeHtml(oneLine(item.project, 120))}</span>` : "") +
        (item.body ? `<br>${escapeHtml(oneLine(item.body, 300))}` : "") +
        "</li>",
    )
    .join("");
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f0f4f5;font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#212b32">',
    '<div style="background:#005eb8;color:#ffffff;padding:16px 24px;font-weight:bold;font-size:19px">Stepping Up</div>',
    '<div style="background:#ffffff;padding:24px;max-width:640px">',
    `<p>Dear ${escapeHtml(oneLine(input.name, 80))},</p>`,
    `<p>${escapeHtml(input.intro)}</p>`,
    `<ul style="padding-left:20px">${items}</ul>`,
    '<hr style="border:0;border-top:1px solid #d8dde0">',
    `<p style="font-size:14px;color:#4c6272"><a href="${escapeHtml(input.settingsUrl)}" style="color:#005eb8">Choose which emails you get</a> · ` +
      `<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#005eb8">${escapeHtml(stop)}</a></p>`,
    "</div></body></html>",
  ].join("\n");
  return { subject, text, html };
}
