// The page cache over HTTP: a kept page is the same page (its own nonce, a fresh form token, the
// session's time left), never another person's, and any write — here or from another connection —
// or a new minute makes it render again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let board: Client;
let lead: Client;

beforeAll(async () => {
  server = await startTestServer();
  board = await Client.signedIn(server.url, "board@example.org");
  lead = await Client.signedIn(server.url, "lead@example.org");
});
afterAll(() => server.close());

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
// In the forms and in the root loader's data inlined for hydration.
const tokensIn = (html: string) => [...html.matchAll(/name="formToken" value="([^"]+)"|\\"formToken\\",\\"([^\\"]+)/g)].map((m) => m[1] ?? m[2]);

/** Reads a page until it is kept: the board's first read after a write refreshes its summaries (a write). */
async function warm(client: Client, path: string) {
  for (let i = 0; i < 3; i++) if ((await client.get(path)).headers.get("x-page-cache") === "hit") return;
  await client.get(path);
}

/** Everything per request taken out, so two answers for the same state compare equal. */
function normalise(html: string, nonce: string) {
  let out = html.replaceAll(nonce, "NONCE");
  for (const token of new Set(tokensIn(html))) out = out.replaceAll(token, "TOKEN");
  return out.replace(/sessionSecondsLeft\\?"?,?\d+/g, "SECONDS");
}

describe("the page cache", () => {
  it("answers the second request for an unchanged page from the cache, with this request's nonce and a new form token", async () => {
    const first = await board.get("/projects/1");
    const firstHtml = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const second = await board.get("/projects/1");
    const secondHtml = await second.text();
    expect(second.headers.get("x-page-cache")).toBe("hit");

    const [n1, n2] = [nonceOf(first)!, nonceOf(second)!];
    expect(n1).not.toBe(n2);
    expect(secondHtml).toContain(`nonce="${n2}"`);
    expect(secondHtml).not.toContain(n1);
    // No hole is ever sent as it is kept.
    expect(secondHtml).not.toMatch(/pc[nt][0-9a-f]{32}/);
    expect(secondHtml).not.toMatch(/\b9\d{15}\b/);
    const [t1, t2] = [tokensIn(firstHtml), tokensIn(secondHtml)];
    expect(t1.length).toBeGreaterThan(0);
    expect(new Set(t2).size).toBe(1);
    expect(t2[0]).not.toBe(t1[0]);
    expect(normalise(secondHtml, n2)).toBe(normalise(firstHtml, n1));
  });

  it("keeps each person's page apart: the header names who is signed in", async () => {
    await board.get("/board");
    const boardPage = await readPage(await board.get("/board"));
    const leadPage = await readPage(await lead.get("/board"));
    const boardName = server.db.$client.prepare("select name from users where email = 'board@example.org'").pluck().get() as string;
    const leadName = server.db.$client.prepare("select name from users where email = 'lead@example.org'").pluck().get() as string;
    expect(boardPage.text).toContain(boardName);
    expect(leadPage.text).toContain(leadName);
    expect(leadPage.text).not.toContain(`Signed in as ${boardName}`);
  });

  it("renders again after a write from another connection", async () => {
    await warm(board, "/board");
    expect((await board.get("/board")).headers.get("x-page-cache")).toBe("hit");
    server.db.$client.prepare("update projects set title = 'A title written by another process' where id = 1").run();
    const after = await board.get("/projects/1");
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(await after.text()).toContain("A title written by another process");
  });

  it("renders again after a write through the server itself", async () => {
    const page = await readPage(await lead.get("/projects/1"));
    expect((await lead.get("/projects/1")).headers.get("x-page-cache")).toBe("hit");
    // Any write on the server's own connection: here signing in again (a new session row).
    await Client.signedIn(server.url, "staff@example.org");
    const again = await lead.get("/projects/1");
    expect(again.headers.get("x-page-cache")).toBe("miss");
    expect((await readPage(again)).text).toBe(page.text);
  });

  it("renders again in a new minute, so text that depends on the time stays right", async () => {
    const at = Date.parse("2026-11-26T10:00:10Z");
    server.setNow(at);
    try {
      await warm(board, "/board");
      expect((await board.get("/board")).headers.get("x-page-cache")).toBe("hit");
      server.setNow(at + 60_000);
      const next = await board.get("/board");
      expect(next.headers.get("x-page-cache")).toBe("miss");
    } finally {
      server.setNow(null);
    }
  });

  it("never keeps a page for someone signed out, or a page that is not marked for keeping", async () => {
    const anonymous = new Client(server.url);
    const res = await anonymous.get("/board");
    expect(res.status).toBe(302);
    expect(res.headers.get("x-page-cache")).toBeNull();
    await board.get("/meetings");
    expect((await board.get("/meetings")).headers.get("x-page-cache")).toBeNull();
  });

  it("treats the same query in another order as the same page", async () => {
    await warm(board, "/board?stage=active&sort=title");
    expect((await board.get("/board?sort=title&stage=active")).headers.get("x-page-cache")).toBe("hit");
  });
});
