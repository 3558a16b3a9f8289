// The email outbox's delivery throughput (ADR 041): N queued messages handed by the sender (claim, send,
// mark) to a local SMTP server (smtp-server on a random port) → messages/s, beside a floor measured in the
// same run: the same transport sending the same messages with no outbox around it.
// Run alone: npx tsx bench/outbox.ts [--messages 100]; npm run bench runs it with --outbox-messages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { SMTPServer } from "smtp-server";
import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { emailOutbox } from "../db/schema";
import { renderEmail } from "../app/domain/email-message";
import { createTransport, sendDue } from "../app/models/mail-sender.server";

const root = path.resolve(import.meta.dirname, "..");

export type OutboxFigures = { messages: number; seconds: number; perSecond: number; floorPerSecond: number; received: number };

async function localSmtp() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received: () => received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function message(i: number) {
  return renderEmail({
    subject: `Stepping Up for 26 Nov 2026: 3 reminders (${i})`,
    name: `Person ${i}`,
    intro: "Here is what needs doing before the programme board sees a flag.",
    items: [1, 2, 3].map((n) => ({
      title: `Send a status report by 3 Dec 2026 (${n})`,
      project: `Project ${i}`,
      body: "A status report is due in 7 days: the board flags a project with no status report for 5 weeks.",
      link: `https://qi.example.nhs.uk/projects/${i}/status/new`,
    })),
    unsubscribeUrl: `https://qi.example.nhs.uk/notifications/unsubscribe?u=${i}&k=reminders&s=x`,
    settingsUrl: "https://qi.example.nhs.uk/notifications/settings",
  });
}

export async function benchOutbox(messages: number): Promise<OutboxFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stepping-up-bench-outbox-"));
  const smtp = await localSmtp();
  const transport = createTransport(`smtp://127.0.0.1:${smtp.port}`);
  const from = "Stepping Up <qi@example.nhs.uk>";
  try {
    const db = openDatabase(path.join(dir, "outbox.sqlite"));
    runMigrations(db, path.join(root, "db", "migrations"));
    const at = new Date();
    db.transaction((tx) => {
      for (let i = 0; i < messages; i++) {
        const m = message(i);
        tx.insert(emailOutbox)
          .values({
            toAddress: `person${i}@example.nhs.uk`,
            kind: "reminders",
            subject: m.subject,
            textBody: m.text,
            htmlBody: m.html,
            nextAttemptAt: at,
            createdAt: at,
          })
          .run();
      }
    });
    // The floor: the same transport, the same messages, no outbox.
    const floorCount = Math.max(1, Math.min(messages, 50));
    const floorStart = performance.now();
    for (let i = 0; i < floorCount; i++) {
      const m = message(i);
      await transport.sendMail({ from, to: `person${i}@example.nhs.uk`, subject: m.subject, text: m.text, html: m.html });
    }
    const floorSeconds = (performance.now() - floorStart) / 1000;
    const before = smtp.received();
    const start = performance.now();
    const sent = await sendDue(db, transport, from);
    const seconds = (performance.now() - start) / 1000;
    db.$client.close();
    return { messages: sent, seconds, perSecond: sent / seconds, floorPerSecond: floorCount / floorSeconds, received: smtp.received() - before };
  } finally {
    transport.close();
    await smtp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printOutboxFigures(f: OutboxFigures) {
  console.log(
    `Outbox delivery to a local SMTP server: ${f.messages.toLocaleString("en-GB")} queued messages in ${f.seconds.toFixed(1)} s, ${f.perSecond.toFixed(0)} messages/s` +
      `  floor (the same transport, no outbox): ${f.floorPerSecond.toFixed(0)} messages/s  ratio ${(f.floorPerSecond / f.perSecond).toFixed(2)}×` +
      (f.received === f.messages ? "" : `  [the server received ${f.received}]`),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { messages: { type: "string", default: "100" } } });
  benchOutbox(Number(values.messages))
    .then(printOutboxFigures)
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
