// Hostile requests at the edge, over HTTP against the built server: field names that would make
// the form parser allocate without bound, bodies over the limit (declared and chunked), content
// types other than the two form encodings, and bodies that trickle in.
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedTables, rawPost, tableState, type RawBody } from "../helpers/fuzz";
import { projectRoot } from "../helpers/build";
import { Client, startTestServer, type TestServer } from "../helpers/server";

const MiB = 1024 * 1024;
// Lowered so a trickled body is cut off within the test; production uses request-limits.js's defaults.
const TIMEOUTS = { requestTimeoutMs: 3000, headersTimeoutMs: 2000 };
// The generic error page inside the signed-in layout is about 20 KB; an echoed sparse list would be megabytes.
const SMALL_REPLY = 32 * 1024;
const SPARSE_LOGIN = "email=a%40b.org&password=x&z%5B99999999%5D=1";

let server: TestServer;
let lead: Client;
let statusNew: string;
let importPath: string;

beforeAll(async () => {
  server = await startTestServer({ timeouts: TIMEOUTS });
  lead = await Client.signedIn(server.url, "lead@example.org");
  const row = server.db.$client
    .prepare(
      `select t.project_id as projectId, m.id as measureId from project_team t
         join users u on u.id = t.user_id and u.email = 'lead@example.org'
         join measures m on m.project_id = t.project_id and m.deleted_at is null
       where t.ended_at is null order by t.project_id, m.id`,
    )
    .get() as { projectId: number; measureId: number };
  statusNew = `/projects/${row.projectId}/status/new`;
  importPath = `/projects/${row.projectId}/measures/${row.measureId}/import`;
});
afterAll(async () => {
  await server?.close();
});

const GOOD_REPORT = "reportDate=2026-11-26&rag=green&progress=Steady&nextSteps=More&risks=None";

/** Posts and checks nothing was written; returns the answer, its text and how long it took. */
async function post(client: Client | null, path: string, request: string | RawBody) {
  const before = tableState(server.db);
  const started = performance.now();
  const res = await rawPost(server.url, client, path, request);
  const text = await res.text();
  const ms = performance.now() - started;
  return { res, text, ms, changed: changedTables(before, tableState(server.db)) };
}

async function expectHealthy() {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
}

describe("a field name with a huge list index", () => {
  it("is refused on /login quickly, with a small reply that echoes nothing", async () => {
    const { res, text, ms } = await post(null, "/login", SPARSE_LOGIN);
    expect(res.status).toBe(400);
    expect(ms).toBeLessThan(1000);
    // The generic error page: its size does not depend on what was sent.
    expect(text.length).toBeLessThan(SMALL_REPLY);
    expect(text).not.toContain("99999999");
    console.log(`sparse-index sign-in refused in ${ms.toFixed(1)} ms with ${text.length} characters`);
    await expectHealthy();
  });

  it.each([
    ["an unknown list", "z%5B99999999%5D=1"],
    ["the report's own list of asks", "asks%5B99999999%5D.what=x"],
    ["a list index just past the ceiling", "asks%5B1000%5D.what=x"],
    ["a deep path", `${Array.from({ length: 300 }, (_, i) => `d${i}`).join(".")}=1`],
    ["a prototype name", "__proto__%5Bpolluted%5D=1"],
    [
      "a conform list intent far past the end",
      `__intent__=${encodeURIComponent(JSON.stringify({ type: "insert", payload: { name: "asks", index: 99999999 } }))}`,
    ],
  ])("is refused on a status report as a lead (%s), writing nothing", async (_, extra) => {
    const { res, text, ms, changed } = await post(lead, statusNew, `${GOOD_REPORT}&${extra}`);
    expect(res.status).toBe(400);
    expect(ms).toBeLessThan(1000);
    expect(text.length).toBeLessThan(SMALL_REPLY);
    expect(text).not.toMatch(/99999999|d299|polluted/);
    expect(changed).toEqual([]);
    await expectHealthy();
  });

  it("leaves the same report, without the hostile name, accepted", async () => {
    const { res } = await post(lead, statusNew, GOOD_REPORT);
    expect(res.status).toBe(302);
  });
});

describe("a body over the limit", () => {
  const form = (bytes: number) => `progress=${"x".repeat(bytes - "progress=".length)}`;
  const multipart = (bytes: number) => {
    const head = `--b0undary\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncheck\r\n--b0undary\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const tail = "\r\n--b0undary--\r\n";
    return {
      body: head + "1".repeat(bytes - head.length - tail.length) + tail,
      contentType: "multipart/form-data; boundary=b0undary",
    };
  };

  it.each([false, true])("gets 413 on an ordinary form past 1 MiB (chunked: %s), writing nothing", async (chunked) => {
    for (const [client, path] of [
      [null, "/login"],
      [lead, statusNew],
    ] as const) {
      const { res, text, changed } = await post(client, path, { body: form(MiB + 1), chunked });
      expect(res.status, path).toBe(413);
      expect(text).toMatch(/too large/);
      expect(changed).toEqual([]);
    }
  });

  it.each([false, true])("gets 413 on the measure import past 5 MiB (chunked: %s)", async (chunked) => {
    const { res, changed } = await post(lead, importPath, { ...multipart(5 * MiB + 1), chunked });
    expect(res.status).toBe(413);
    expect(changed).toEqual([]);
  });

  it("lets a 2 MiB upload through to the import route, which judges the file itself", async () => {
    for (const chunked of [false, true]) {
      const { res, text } = await post(lead, importPath, { ...multipart(2 * MiB), chunked });
      expect(res.status).toBe(400);
      expect(text).toContain("big.csv is too large");
    }
  });

  it("keeps the server healthy afterwards", expectHealthy);
});

describe("a content type other than the two form encodings", () => {
  const part = `--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.org\r\n`;
  it.each([
    ["application/json", { body: '{"email":"a@b.org","password":"x"}', contentType: "application/json" }],
    ["text/plain", { body: "email=a%40b.org&password=x", contentType: "text/plain" }],
    ["no content type", { body: "email=a%40b.org&password=x", contentType: null }],
    ["multipart without a boundary", { body: part, contentType: "multipart/form-data" }],
    ["multipart with an empty boundary", { body: part, contentType: "multipart/form-data; boundary=" }],
    ["multipart with a 71-character boundary", { body: part, contentType: `multipart/form-data; boundary=${"a".repeat(71)}` }],
    ["multipart whose body does not match its boundary", { body: part, contentType: "multipart/form-data; boundary=xyz" }],
    ["multipart left unterminated", { body: part, contentType: "multipart/form-data; boundary=abc" }],
  ] as [string, RawBody][])("is refused with 4xx on /login and a status report (%s)", async (_, request) => {
    for (const [client, path, body] of [
      [null, "/login", request.body],
      [lead, statusNew, request.contentType === "application/json" ? JSON.stringify({ progress: "x" }) : request.body],
    ] as const) {
      const { res, changed } = await post(client, path, { ...request, body });
      expect([400, 415], `${path}: ${res.status}`).toContain(res.status);
      expect(changed).toEqual([]);
    }
    await expectHealthy();
  });

  it("leaves /api/spc answering JSON", async () => {
    const res = await fetch(`${server.url}/api/spc`, {
      method: "POST",
      body: "text",
      headers: { "Content-Type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ field: "content_type" });
  });
});

describe("a body that trickles in", () => {
  it("is cut off once the request timeout passes", async () => {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    const started = performance.now();
    const answer = new Promise<string>((resolve) => {
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
      socket.on("error", () => resolve(received));
    });
    socket.write(`POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`);
    const drip = setInterval(() => socket.writable && socket.write("a"), 200);
    const received = await answer;
    clearInterval(drip);
    const seconds = (performance.now() - started) / 1000;
    // An answer, not a connection dropped without one.
    expect(received.split("\r\n")[0]).toBe("HTTP/1.1 408 Request Timeout");
    expect(seconds).toBeGreaterThan(TIMEOUTS.requestTimeoutMs / 1000 - 0.5);
    expect(seconds).toBeLessThan(TIMEOUTS.requestTimeoutMs / 1000 + 3);
    await expectHealthy();
  }, 15_000);

  it("is cut off within tens of seconds in production", async () => {
    const { createHttpServer, DEFAULT_TIMEOUTS } = (await import(/* @vite-ignore */ path.join(projectRoot, "server", "request-limits.js"))) as {
      createHttpServer: (app: unknown) => import("node:http").Server;
      DEFAULT_TIMEOUTS: { requestTimeoutMs: number; headersTimeoutMs: number };
    };
    const plain = createHttpServer(() => undefined);
    expect(plain.requestTimeout).toBe(DEFAULT_TIMEOUTS.requestTimeoutMs);
    expect(plain.headersTimeout).toBe(DEFAULT_TIMEOUTS.headersTimeoutMs);
    expect(plain.requestTimeout).toBeLessThanOrEqual(60_000);
  });
});
