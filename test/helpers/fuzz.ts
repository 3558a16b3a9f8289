// Building blocks for the action fuzzer: the built server's action routes, the forms a
// page offers, hostile values, raw form posts and database row counts.
import http from "node:http";
import fc from "fast-check";
import type { Db } from "../../db/client";
import { builtRoutes } from "./build";
import { parsePage, type HTMLElement } from "./html";
import type { Client } from "./server";

export type ActionRoute = { id: string; pattern: string };

/** Every route module with an action, as a URL pattern ("/projects/:projectId/edit"). */
export async function actionRoutes(): Promise<ActionRoute[]> {
  return (await builtRoutes()).filter((route) => route.hasAction).map(({ id, pattern }) => ({ id, pattern }));
}

export function fillParams(pattern: string, params: Record<string, number | string>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no id for :${name} in ${pattern}`);
    return encodeURIComponent(String(params[name]));
  });
}

// ---------------------------------------------------------------------------------------------
// Forms read from a page: field names with the values the page offers.

export type Field = { name: string; kind: "hidden" | "text" | "choice" | "checkbox" | "file"; values: string[] };
export type PageForm = { fields: Field[] };

const INPUT_KINDS: Record<string, Field["kind"]> = {
  hidden: "hidden",
  checkbox: "checkbox",
  radio: "checkbox",
  file: "file",
  submit: "choice",
  image: "choice",
  button: "choice",
};

/** The fields of one form, by name, each with every value the page offers for it. */
function fieldsOf(form: HTMLElement): Field[] {
  const byName = new Map<string, Field>();
  const add = (name: string | undefined, kind: Field["kind"], value: string) => {
    if (!name) return;
    const f = byName.get(name) ?? { name, kind, values: [] };
    if (!f.values.includes(value)) f.values.push(value);
    byName.set(name, f);
  };
  for (const el of form.querySelectorAll("input, button, select, textarea")) {
    const name = el.getAttribute("name");
    switch (el.tagName) {
      case "INPUT": {
        const kind = INPUT_KINDS[(el.getAttribute("type") ?? "text").toLowerCase()] ?? "text";
        add(name, kind, el.getAttribute("value") ?? (kind === "checkbox" ? "on" : ""));
        break;
      }
      case "BUTTON":
        add(name, "choice", el.getAttribute("value") ?? "");
        break;
      case "SELECT":
        for (const option of el.querySelectorAll("option")) add(name, "choice", option.getAttribute("value") ?? option.text);
        break;
      case "TEXTAREA":
        add(name, "text", el.text);
        break;
    }
  }
  return [...byName.values()];
}

/** The POST forms of a page that submit to `path` (not sign-out), with their fields. */
export function scrapeForms(html: string, path: string): PageForm[] {
  return parsePage(html)
    .findAll("form")
    .filter((form) => (form.getAttribute("method") ?? "get").toLowerCase() === "post")
    .filter((form) => {
      const action = form.getAttribute("action");
      return action === undefined || action.split("?")[0] === path;
    })
    .map((form) => ({ fields: fieldsOf(form) }))
    .filter((form) => form.fields.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Hostile values. A value is a list of raw, already-encoded pieces so that a lone surrogate
// (invalid UTF-8 on the wire) survives: URLSearchParams would quietly replace it with U+FFFD.

export const SCRIPT = "<script>alert(1)</script>";
export type Raw = { raw: string };
const short = (raw: string) => (raw.length > 80 ? `${raw.slice(0, 40)}…(${raw.length} chars)` : raw);
/** A raw value that fast-check prints shortly in a counterexample. */
const rawValue = (raw: string): Raw => Object.assign({ raw }, { [fc.toStringMethod]: () => JSON.stringify(short(raw)) });
export const enc = (s: string): Raw => rawValue(encodeURIComponent(s));

const LONE_SURROGATES = ["%ED%A0%80", "x%ED%B0%80y", "%FF%FE", "%", "%zz"].map(rawValue);

export function hostileValue(forgedIds: number[]): fc.Arbitrary<Raw> {
  return fc.oneof(
    fc
      .constantFrom(
        SCRIPT,
        `"><img src=x onerror=alert(1)>`,
        "'; drop table projects; --",
        "1' or '1'='1",
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "-1",
        "0",
        "-0",
        "1.5",
        "9007199254740993",
        "0x10",
        "",
        " ",
        "\t\n",
        "null",
        "undefined",
        "true",
        "[]",
        "{}",
        "__proto__",
        "constructor",
        "2026-02-30",
        "31/12/2026",
        "9999-99-99",
        "2026-11-26T00:00:00Z",
        "\u202Egnp.exe\u202C",
        "مشروع تحسين الجودة",
        "👩‍⚕️🏥🔥",
        "\u200B\u200D\uFEFF",
        "a\u0000b",
        "../../etc/passwd",
        "%00",
      )
      .map(enc),
    fc.constantFrom(...LONE_SURROGATES),
    fc.constantFrom(...forgedIds.map(String), "-5", "0", "999999999999").map(enc),
    fc.string({ unit: "binary", maxLength: 40 }).map(enc),
    fc.integer().map((n) => enc(String(n))),
    fc.double().map((n) => enc(String(n))),
    fc.constantFrom(100_001, 150_000).map((n) => enc(SCRIPT + "x".repeat(n))),
  );
}

export type Submission = [string, Raw][];

/** Conform's own fields; malformed ones (and names conform cannot parse) are tested on their own. */
export const CONFORM_RESERVED = new Set(["__intent__", "__state__"]);

/**
 * A submission built on one of the page's forms: each field keeps an offered value, is replaced
 * with a hostile one, is dropped or is duplicated; sometimes extra fields come along.
 */
export function submissionFor(forms: PageForm[], forgedIds: number[]): fc.Arbitrary<Submission> {
  const hostile = hostileValue(forgedIds);
  const pool: PageForm[] = forms.length > 0 ? forms : [{ fields: GENERIC_FIELDS }];
  return fc.constantFrom(...pool).chain((form) => {
    const perField = form.fields.map((f) =>
      CONFORM_RESERVED.has(f.name)
        ? fc.oneof(
            fc.constantFrom(...f.values).map((v) => [[f.name, enc(v)]] as Submission),
            fc.constant([] as Submission),
          )
        : fc.oneof(
            {
              weight: 4,
              arbitrary: fc.constantFrom(...(f.values.length ? f.values : [""])).map((v) => [[f.name, enc(v)]] as Submission),
            },
            { weight: 3, arbitrary: hostile.map((v) => [[f.name, v]] as Submission) },
            { weight: 1, arbitrary: fc.constant([] as Submission) },
            {
              weight: 1,
              arbitrary: fc.tuple(hostile, hostile).map(
                ([a, b]) =>
                  [
                    [f.name, a],
                    [f.name, b],
                  ] as Submission,
              ),
            },
          ),
    );
    const extras = fc.array(
      fc.tuple(fc.constantFrom("projectId", "id", "userId", "role", "createdBy", "deletedAt", "isAdmin", "intent", "programmeId"), hostile),
      { maxLength: 2 },
    );
    return fc.tuple(fc.tuple(...perField), extras).map(([fields, extra]) => [...fields.flat(), ...extra] as Submission);
  });
}

const GENERIC_FIELDS: Field[] = ["intent", "title", "version", "id", "text", "date"].map((name) => ({
  name,
  kind: "text",
  values: [""],
}));

/** Every form field replaced by a 100 KB+ string: no form here can accept that. */
export function allHuge(forms: PageForm[]): Submission {
  const fields = forms.length > 0 ? forms[0].fields : GENERIC_FIELDS;
  return fields.filter((f) => !CONFORM_RESERVED.has(f.name)).map((f) => [f.name, enc(SCRIPT + "x".repeat(100_001))]);
}

export function encodeBody(sub: Submission): string {
  return sub.map(([k, v]) => `${encodeURIComponent(k)}=${v.raw}`).join("&");
}

export function describeSubmission(sub: Submission): string {
  return sub.map(([k, v]) => `${k}=${short(v.raw)}`).join("&");
}

export type RawBody = {
  body: string | Buffer;
  /** null sends no Content-Type at all. */
  contentType?: string | null;
  /** Sent in pieces without a Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
};

/**
 * A same-origin POST with the client's cookies and the body sent byte for byte, on a connection
 * of its own (no keep-alive pool), so a connection the server resets harms no other request.
 * A string body is sent as a urlencoded form unless told otherwise.
 */
export function rawPost(baseUrl: string, client: Client | null, path: string, request: string | RawBody): Promise<Response> {
  const { body, contentType = "application/x-www-form-urlencoded", chunked = false } = typeof request === "string" ? { body: request } : request;
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  const headers: Record<string, string | number> = { Cookie: cookie };
  if (contentType !== null) headers["Content-Type"] = contentType;
  if (!chunked) headers["Content-Length"] = Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${path}`, { method: "POST", agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const item of [v ?? []].flat()) out.append(k, item);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: out }));
      });
    });
    req.on("error", (e) => reject(Object.assign(new Error("post failed"), { cause: e })));
    if (!chunked) return req.end(body);
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += 64 * 1024) req.write(bytes.subarray(at, at + 64 * 1024));
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// The database: row counts, and a fingerprint of edits to versioned rows.

/** audit_events and sign_in_attempts legitimately grow on a refusal (403s and failed sign-ins are recorded). */
const GROWS_ON_REFUSAL = new Set(["audit_events", "sign_in_attempts", "__drizzle_migrations"]);

export function tableState(db: Db): Record<string, string> {
  const sqlite = db.$client;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    if (GROWS_ON_REFUSAL.has(name)) continue;
    const columns = (sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
    const parts = ["count(*)"];
    if (columns.includes("version")) parts.push("sum(version)");
    if (columns.includes("deleted_at")) parts.push("count(deleted_at)");
    state[name] = Object.values(sqlite.prepare(`select ${parts.join(", ")} as v from "${name}"`).get() as object).join("/");
  }
  // A fingerprint without the tables the actions write would let every refusal pass as writing nothing.
  for (const table of ["projects", "milestones", "measures", "pdsa_cycles", "status_reports", "asks", "users"]) {
    if (!(table in state)) throw new Error(`the database fingerprint has no ${table} table`);
  }
  return state;
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
