// The sender in the server process (docs/decisions/041): every second it claims what is due in the
// outbox and hands it to the SMTP relay named by SMTP_URL. With no SMTP_URL nothing leaves the machine:
// mail stays in the outbox, readable at /admin/outbox.
import { createRequire } from "node:module";
import type { Transporter } from "nodemailer";
import type { Db } from "~/db.server";
import { getEnv } from "~/env.server";
import { nowMs } from "~/clock.server";
import { claimDue, markFailed, markSent, type OutboxMessage } from "~/models/outbox.server";
import { publicUrl } from "~/models/notification-links.server";

export function mailFrom(): string {
  return getEnv().MAIL_FROM ?? `Stepping Up <no-reply@${new URL(publicUrl()).hostname}>`;
}

export function createTransport(smtpUrl: string): Transporter {
  // Short timeouts: a relay that does not answer is a failed attempt, retried later, never a stuck sender.
  const url = new URL(smtpUrl);
  for (const [name, value] of [
    ["connectionTimeout", "10000"],
    ["greetingTimeout", "10000"],
    ["socketTimeout", "20000"],
  ]) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  // Loaded here, not at start: a process that never sends mail does not carry the mail library.
  const nodemailer = createRequire(import.meta.url)("nodemailer") as typeof import("nodemailer");
  return nodemailer.createTransport(url.toString());
}

async function deliver(transport: Transporter, from: string, m: OutboxMessage) {
  const host = new URL(publicUrl()).hostname;
  await transport.sendMail({
    from,
    to: m.toAddress,
    subject: m.subject,
    text: m.textBody,
    html: m.htmlBody,
    // The same id on a resend after a crash lets mail systems recognise the duplicate.
    messageId: `<outbox-${m.id}@${host}>`,
    headers: m.unsubscribeUrl ? { "List-Unsubscribe": `<${m.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
  });
}

/** One pass: claims what is due and sends it. Returns how many were sent. */
export async function sendDue(db: Db, transport: Transporter, from = mailFrom(), limit = 20): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = claimDue(db, nowMs(), limit);
    if (batch.length === 0) return sent;
    for (const m of batch) {
      try {
        await deliver(transport, from, m);
        markSent(db, m.id, nowMs());
        sent++;
      } catch (error) {
        markFailed(db, m.id, m.attempts, error instanceof Error ? error.message : String(error), nowMs());
      }
    }
  }
}

type SenderHolder = { __steppingUpMailSender?: { stop: () => void } };

/** Starts the sender when SMTP_URL is set (once per process); returns a function that stops it. */
export function startMailSender(db: Db, intervalMs = 1000): (() => void) | null {
  const smtpUrl = getEnv().SMTP_URL;
  if (!smtpUrl) return null;
  const holder = globalThis as SenderHolder;
  holder.__steppingUpMailSender?.stop();
  const transport = createTransport(smtpUrl);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sendDue(db, transport)
      .catch((error) => console.error("The mail sender failed", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    transport.close();
    if (holder.__steppingUpMailSender?.stop === stop) holder.__steppingUpMailSender = undefined;
  };
  holder.__steppingUpMailSender = { stop };
  return stop;
}

/** Whether mail leaves the machine (SMTP_URL is set), for /admin/outbox. */
export function mailRelayConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}
