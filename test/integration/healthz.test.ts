import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

it("answers 200 with a small JSON body while the database is reachable, 503 when it is not", async () => {
  const ok = await new Client(server.url).get("/healthz");
  expect(ok.status).toBe(200);
  expect(ok.headers.get("content-type")).toMatch(/application\/json/);
  expect(await ok.json()).toEqual({ status: "ok", database: "ok" });

  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  // The server's own handle (kept on globalThis by app/db.server.ts) goes away.
  (globalThis as unknown as { __steppingUpDb: { $client: { close(): void } } }).__steppingUpDb.$client.close();
  const down = await new Client(server.url).get("/healthz");
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: "unavailable", database: "unreachable" });
  expect(logged).toHaveBeenCalled();
});
