// A real SMTP server (the smtp-server package) on a port of its own, keeping every message it accepts,
// parsed by mailparser. It can be stopped and started again on the same port, like a relay going down.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type Received = { to: string[]; mail: ParsedMail };

export async function startSmtp(port = 0) {
  const received: Received[] = [];
  let server: SMTPServer;
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, session, callback) {
          simpleParser(stream)
            .then((mail) => {
              received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
              callback();
            })
            .catch(callback);
        },
      });
      server.on("error", () => {});
      server.listen(p, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
      server.server.once("error", reject);
    });
  const actualPort = await listen(port);
  return {
    port: actualPort,
    received,
    /** The relay goes down: the port refuses connections. */
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** The relay comes back on the same port. */
    restart: async () => {
      await listen(actualPort);
    },
  };
}

/** Waits until `check` passes (or throws its last failure after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
