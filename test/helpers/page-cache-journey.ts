// Journeys for the page cache's invalidation tests: keep the pages, write, read them again and see
// that they were rendered again (X-Page-Cache: miss) and show the change.
import { expect, it } from "vitest";
import type { Db } from "../../db/client";
import { parsePage, type Page } from "./html";
import { commandsOf, type Journey } from "./page-cache-commands";
import type { Client } from "./server";

const cacheOf = (res: Response) => res.headers.get("x-page-cache");

/**
 * Reads the pages until every one of them is kept (a read of the board after a write refreshes its
 * summaries, itself a write, so a page can need a second read) and returns them as kept.
 */
export async function warmAll(client: Client, paths: string[]): Promise<Page[]> {
  let states: string[] = [];
  for (let round = 0; round < 6; round++) {
    const pages: Page[] = [];
    states = [];
    for (const path of paths) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      states.push(`${path}: ${cacheOf(res)}`);
      pages.push(parsePage(await res.text()));
    }
    if (states.every((s) => s.endsWith(": hit"))) return pages;
  }
  throw new Error(`the pages were never all kept: ${states.join(", ")}`);
}

/** Each page read after the write: it must have been rendered again. */
export async function readAgain(client: Client, paths: string[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (const path of paths) {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    expect(cacheOf(res), `${path} right after the write`).toBe("miss");
    pages.push(parsePage(await res.text()));
  }
  return pages;
}

/** Keeps the pages, runs the write, and returns the pages as kept before and as read after. */
export async function around(client: Client, paths: string[], write: () => unknown | Promise<unknown>) {
  const before = await warmAll(client, paths);
  await write();
  const after = await readAgain(client, paths);
  return { before, after };
}

/** A command's result must be ok, or the journey proves nothing. */
export function must<T>(result: { ok: true; value: T } | { ok: false; [k: string]: unknown }): T {
  if (!result.ok) throw new Error(`the command refused: ${JSON.stringify(result)}`);
  return result.value;
}

/** The newest audit row of a project: what its page's "Recent activity" lists first. */
export function newestActivity(db: Db, projectId: number) {
  return db.$client.prepare("select id, summary from audit_events where project_id = ? order by at desc, id desc limit 1").get(projectId) as
    { id: number; summary: string } | undefined;
}

/** The first entry of the project page's "Recent activity". */
export function firstActivity(page: Page): string {
  const heading = page.findAll("h2").find((h) => h.text.trim() === "Recent activity");
  const list = heading?.nextElementSibling;
  const first = list?.querySelector("li");
  return first ? first.text.replace(/\s+/g, " ").trim() : "";
}

/**
 * Runs one `it` per command the table gives this journey file, in the order the journeys are
 * written; a command with no journey here fails.
 */
export function driveEvery(journey: Journey, journeys: Record<string, () => Promise<void>>) {
  const listed = commandsOf(journey);
  const order = [...Object.keys(journeys).filter((name) => listed.includes(name)), ...listed.filter((name) => !(name in journeys))];
  for (const name of order) {
    it(`${name}: the pages showing its data are rendered again and show the change`, async () => {
      const run = journeys[name];
      expect(run, `no journey drives ${name}`).toBeDefined();
      await run!();
    });
  }
  it("drives no command the table gives to another journey or none", () => {
    expect(Object.keys(journeys).filter((name) => !listed.includes(name))).toEqual([]);
  });
}
