// Starting the real server as a process of its own: a free port to give it, and waiting until it answers.
import net from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Waits until `${url}/healthz` answers 200. Throws, with the process's output, when the process
 * exits first or `timeoutMs` passes.
 */
export async function waitUntilHealthy(
  url: string,
  { exited, output, timeoutMs = 30_000, everyMs = 50 }: { exited: () => boolean; output: () => string; timeoutMs?: number; everyMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error(`the server exited at start:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start within ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
