// Rendered pages kept per process, so a page nobody has changed is not rendered again (ADR 126).
// An entry is found only by the same person, the same address, the same minute and the same state
// of the whole database: any committed write, by this process or another, starts a new generation.
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import type { Db } from "~/db.server";
import { getDb } from "~/db.server";
import { getEnv, type Env } from "~/env.server";
import { nowMs } from "~/clock.server";
import { getSessionUser } from "~/auth/session.server";
import { newFormToken } from "~/models/form-token.server";
import { today } from "~/today.server";
import { dataVersion } from "~/models/data-version.server";

/** What differs per request in an otherwise identical page; the cached copy holds these holes. */
const HOLES = {
  nonce: `pcn${crypto.randomBytes(16).toString("hex")}`,
  token: `pct${crypto.randomBytes(16).toString("hex")}`,
  // A number (the root loader's type), random per process so no stored value can meet it by chance.
  seconds: 9_000_000_000_000_000 - crypto.randomInt(1, 2 ** 47),
};

/** Near the end of a session the page shows a warning: such pages are rendered each time. */
const MIN_SECONDS_LEFT = 600;

/** The request's ticket: where its page is kept and what fills the holes. Set only for a cacheable page. */
export type PageTicket = {
  key: string;
  generation: string;
  sessionExpiresAt: number;
  /** The values the root loader renders in place of per-request ones. */
  holes: { nonce: string; token: string; seconds: number };
};

type Entry = { status: number; headers: [string, string][]; body: string };
/**
 * A kept page: its UTF-8 bytes cut at each hole, and which hole (0 nonce, 1 token, 2 seconds)
 * follows each part. Bytes, not text: a hit is then a copy, with nothing to encode or measure.
 */
type Kept = { status: number; headers: [string, string][]; parts: Buffer[]; holes: number[]; size: number };
export type KeptPage = { status: number; headers: [string, string][]; body: Buffer<ArrayBuffer> };

const HOLE_PATTERN = new RegExp(`${HOLES.nonce}|${HOLES.token}|${HOLES.seconds}`, "g");
const holeIndex = (text: string) => (text === HOLES.nonce ? 0 : text === HOLES.token ? 1 : 2);

function cut(body: string): Pick<Kept, "parts" | "holes"> {
  const parts: Buffer[] = [];
  const holes: number[] = [];
  let from = 0;
  for (const m of body.matchAll(HOLE_PATTERN)) {
    parts.push(Buffer.from(body.slice(from, m.index)));
    holes.push(holeIndex(m[0]));
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(body.slice(from)));
  return { parts, holes };
}

/** The values for one request, in hole order: nonce, form token, seconds left. */
function holeValues(ticket: PageTicket, nonce: string): string[] {
  return [nonce, newFormToken(), String(Math.round((ticket.sessionExpiresAt - nowMs()) / 1000))];
}

function fill(kept: Pick<Kept, "parts" | "holes">, values: string[]): Buffer<ArrayBuffer> {
  const filled = values.map((v) => Buffer.from(v));
  const out: Buffer[] = [kept.parts[0]];
  for (let i = 0; i < kept.holes.length; i++) out.push(filled[kept.holes[i]], kept.parts[i + 1]);
  return Buffer.concat(out);
}
type RouteLike = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; module: { handle?: unknown } };
type MatchRoute = Parameters<typeof matchRoutes>[0][number];

const pages = new Map<string, Kept>();
let bytes = 0;
let generationNow = "";
let envSeen: Env | undefined;

const cacheBytes = () => getEnv().PAGE_CACHE_MB * 1024 * 1024;
export const pageCacheOn = () => cacheBytes() > 0;

/** The generation: database state, the day domain rules use and the minute, so time-based text stays right. */
function generation(db: Db) {
  return `${dataVersion(db)}|${today()}|${Math.floor(nowMs() / 60_000)}`;
}

/** Query parameters sorted by name (values of one name keep their order): `?b=1&a=2` is `?a=2&b=1`. */
export function normalisedSearch(url: URL): string {
  const params = [...url.searchParams.entries()].map(([k, v], i) => [k, v, i] as const);
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]));
  return new URLSearchParams(params.map(([k, v]) => [k, v])).toString();
}

// Which addresses are cacheable: every route they match says so in its `handle`.
const routeTrees = new WeakMap<object, MatchRoute[]>();
const cacheablePaths = new Map<string, boolean>();

function tree(routes: Record<string, RouteLike>): MatchRoute[] {
  let built = routeTrees.get(routes);
  if (built) return built;
  const byParent = new Map<string | undefined, MatchRoute[]>();
  for (const r of Object.values(routes)) {
    const list = byParent.get(r.parentId) ?? [];
    list.push(r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive });
    byParent.set(r.parentId, list);
  }
  const attach = (nodes: MatchRoute[]): MatchRoute[] =>
    nodes.map((n) => {
      const children = byParent.get(n.id);
      return children && !n.index ? { ...n, children: attach(children) } : n;
    });
  built = attach(byParent.get(undefined) ?? []);
  routeTrees.set(routes, built);
  return built;
}

export function isCacheable(routes: Record<string, RouteLike>, pathname: string): boolean {
  const known = cacheablePaths.get(pathname);
  if (known !== undefined) return known;
  const matches = matchRoutes(tree(routes), pathname) ?? [];
  const cacheable = matches.length > 0 && matches.every((m) => hasPageCache(routes[m.route.id ?? ""]?.module.handle));
  if (cacheablePaths.size > 10_000) cacheablePaths.clear();
  cacheablePaths.set(pathname, cacheable);
  return cacheable;
}

const hasPageCache = (handle: unknown) => typeof handle === "object" && handle !== null && (handle as { pageCache?: unknown }).pageCache === true;

/** Starts a new generation when the state moved on: older pages can never be asked for again. */
function enterGeneration(current: string) {
  const env = getEnv();
  if (current === generationNow && env === envSeen) return;
  pages.clear();
  bytes = 0;
  generationNow = current;
  envSeen = env;
}

export type Lookup = { cached: KeptPage } | { ticket: PageTicket } | null;

/**
 * For a signed-in GET of a cacheable page: the kept page with its holes filled, or a ticket for
 * keeping the page Remix is about to render. Null when the page is not cached.
 */
export async function lookupPage(request: Request, context: AppLoadContext, routes: Record<string, RouteLike>): Promise<Lookup> {
  if (request.method !== "GET" || !pageCacheOn()) return null;
  const url = new URL(request.url);
  if (url.pathname.endsWith(".data") || !isCacheable(routes, url.pathname)) return null;
  const db = getDb();
  // The same check every loader makes: the session may end (and is refreshed) here.
  const user = await getSessionUser(db, request, context);
  if (!user?.sessionExpiresAt || user.sessionExpiresAt - nowMs() < MIN_SECONDS_LEFT * 1000) return null;
  const current = generation(db);
  enterGeneration(current);
  const key = `${user.id}|${url.pathname}?${normalisedSearch(url)}`;
  const ticket: PageTicket = { key, generation: current, sessionExpiresAt: user.sessionExpiresAt, holes: HOLES };
  const kept = pages.get(key);
  if (!kept) return { ticket };
  // Most recently used last: the first key is the one to drop when memory runs short.
  pages.delete(key);
  pages.set(key, kept);
  const headers: [string, string][] = [...kept.headers, ["X-Page-Cache", "hit"]];
  return { cached: { status: kept.status, headers, body: fill(kept, holeValues(ticket, context.cspNonce)) } };
}

/**
 * The page rendered for a ticket, as this request gets it (holes filled); kept when it is a 200
 * without cookies and nothing was written while it was rendered.
 */
export function keepPage(ticket: PageTicket, page: Entry, nonce: string): Buffer<ArrayBuffer> {
  const pieces = cut(page.body);
  const kept: Kept = { status: page.status, headers: page.headers, ...pieces, size: pieces.parts.reduce((n, p) => n + p.length, 0) };
  const body = fill(kept, holeValues(ticket, nonce));
  if (page.status !== 200 || page.headers.some(([name]) => name.toLowerCase() === "set-cookie")) return body;
  if (generation(getDb()) !== ticket.generation || generationNow !== ticket.generation) return body;
  const limit = cacheBytes();
  if (kept.size > limit / 4) return body;
  const old = pages.get(ticket.key);
  if (old) bytes -= old.size;
  pages.delete(ticket.key);
  pages.set(ticket.key, kept);
  bytes += kept.size;
  for (const [key, page] of pages) {
    if (bytes <= limit) break;
    pages.delete(key);
    bytes -= page.size;
  }
  return body;
}

/** For tests: how many pages are kept. */
export const keptPages = () => pages.size;
