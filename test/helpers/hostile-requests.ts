// Hostile requests that attack the shape of a form rather than its values: field names,
// content types and sizes. Every one of them must be refused (4xx) without a write.
import fc from "fast-check";
import { CONFORM_RESERVED, enc, encodeBody, type PageForm, type RawBody, type Submission } from "./fuzz";

const MiB = 1024 * 1024;
/** The body limits of server/request-limits.js. */
export const bodyLimitOf = (pattern: string) => (pattern.endsWith("/measures/:measureId/import") ? 5 * MiB : 1 * MiB);

/** A short label for a counterexample instead of a megabyte of body. */
const labelled = (kind: HostileRequest["kind"], label: string, request: RawBody): HostileRequest =>
  Object.assign({ kind, label, request }, { [fc.toStringMethod]: () => label });
export type HostileRequest = { kind: "names" | "content type" | "size"; label: string; request: RawBody };

/** Field names no schema here knows, or knows only with smaller indices. */
export function hostileNames(known: string[]): fc.Arbitrary<string[]> {
  const field = fc.constantFrom(...(known.length > 0 ? known : ["title"]));
  const one = fc.oneof(
    fc.constantFrom("z[99999999]", "z[4294967295]", `z[${"9".repeat(400)}]`, "z[1000]", "z[-1]", "z[", "]", "a..b", "[0]", ".a", ""),
    fc.constantFrom("__proto__", "__proto__[polluted]", "constructor", "constructor.prototype.polluted", "prototype", "toString", "hasOwnProperty", "valueOf"),
    field.map((f) => `${f}[99999999]`),
    field.map((f) => `${f}[1000].x`),
    field.map((f) => `${f}.__proto__`),
    field.map((f) => `${f}.a.b.c`),
    fc.integer({ min: 5, max: 400 }).map((depth) => Array.from({ length: depth }, (_, i) => `d${i}`).join(".")),
    fc.integer({ min: 5, max: 200 }).map((depth) => `n${"[0]".repeat(depth)}`),
    fc.string({ unit: "binary", minLength: 1, maxLength: 12 }).filter((s) => !known.includes(s) && !CONFORM_RESERVED.has(s)),
  );
  return fc.oneof(
    { weight: 4, arbitrary: one.map((name) => [name]) },
    // Thousands of fields: unknown ones, or one known field repeated.
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1001, max: 5000 }).map((n) => Array.from({ length: n }, (_, i) => `f${i}`)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(field, fc.integer({ min: 1001, max: 5000 })).map(([f, n]) => Array<string>(n).fill(f)),
    },
  );
}

/** conform's reserved fields pointing at lists the schema does not have, or past any list's end. */
const HOSTILE_CONFORM: Submission[] = [
  [["__intent__", enc(JSON.stringify({ type: "insert", payload: { name: "z", index: 99999999 } }))]],
  [["__intent__", enc(JSON.stringify({ type: "insert", payload: { name: "asks", index: 99999999 } }))]],
  [["__intent__", enc(JSON.stringify({ type: "update", payload: { name: "z[99999999]", value: "x" } }))]],
  [["__intent__", enc(JSON.stringify({ type: "reorder", payload: { name: "asks", from: 0, to: 99999999 } }))]],
  [["__state__", enc(JSON.stringify({ validated: { "z[99999999]": true } }))]],
  [["__state__", enc(JSON.stringify({ validated: {}, echo: "x".repeat(10_000) }))]],
];

/** A submission of the page's form with hostile names added: refused however good the rest is. */
export function withHostileNames(forms: PageForm[]): fc.Arbitrary<HostileRequest> {
  const fields = forms[0]?.fields ?? [];
  const base: Submission = fields.map((f) => [f.name, enc(f.values[0] ?? "")]);
  const known = fields.map((f) => f.name).filter((n) => !CONFORM_RESERVED.has(n));
  return fc
    .oneof(
      {
        weight: 5,
        arbitrary: hostileNames(known).map((names) => [...base, ...names.map((n): [string, ReturnType<typeof enc>] => [n, enc("1")])]),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...HOSTILE_CONFORM).map((extra) => [...base.filter(([n]) => !CONFORM_RESERVED.has(n)), ...extra]),
      },
    )
    .map((sub) => {
      const names = sub.slice(base.length).map(([n]) => n);
      const label =
        names.length > 3
          ? `${names.length} extra fields (${names[0]}…)`
          : `extra fields ${JSON.stringify(names.map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n)))}`;
      return labelled("names", label, { body: encodeBody(sub) });
    });
}

/** Content types other than the two form encodings, or multipart with a broken boundary or body. */
export function hostileContentType(forms: PageForm[]): fc.Arbitrary<HostileRequest> {
  const fields = forms[0]?.fields ?? [];
  const urlencoded = encodeBody(fields.map((f) => [f.name, enc(f.values[0] ?? "")]));
  const json = JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.values[0] ?? ""])));
  const part = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n`;
  return fc.constantFrom(
    labelled("content type", "no content type", { body: urlencoded, contentType: null }),
    labelled("content type", "application/json", { body: json, contentType: "application/json" }),
    labelled("content type", "text/plain", { body: urlencoded, contentType: "text/plain" }),
    labelled("content type", "text/xml", { body: "<a/>", contentType: "text/xml" }),
    labelled("content type", "application/octet-stream", { body: urlencoded, contentType: "application/octet-stream" }),
    labelled("content type", "multipart without boundary", { body: part("x"), contentType: "multipart/form-data" }),
    labelled("content type", "multipart, empty boundary", {
      body: part(""),
      contentType: "multipart/form-data; boundary=",
    }),
    labelled("content type", "multipart, 71-character boundary", {
      body: part("b".repeat(71)),
      contentType: `multipart/form-data; boundary=${"b".repeat(71)}`,
    }),
    labelled("content type", "multipart, two boundaries", {
      body: part("a"),
      contentType: "multipart/form-data; boundary=a; boundary=b",
    }),
    labelled("content type", "multipart, unterminated body", {
      body: part("abc"),
      contentType: "multipart/form-data; boundary=abc",
    }),
    labelled("content type", "multipart, body of another boundary", {
      body: `${part("other")}--other--\r\n`,
      contentType: "multipart/form-data; boundary=abc",
    }),
    labelled("content type", "multipart, urlencoded body", {
      body: urlencoded,
      contentType: "multipart/form-data; boundary=abc",
    }),
    labelled("content type", "urlencoded lookalike", {
      body: urlencoded,
      contentType: "application/x-www-form-urlencoded-evil",
    }),
  );
}

/** Bodies just over a route's limit, with a declared length or chunked (JSON for the JSON API). */
export function oversizeBody(forms: PageForm[], limit: number, contentType = "application/x-www-form-urlencoded"): fc.Arbitrary<HostileRequest> {
  const name = forms[0]?.fields.find((f) => !CONFORM_RESERVED.has(f.name))?.name ?? "title";
  return fc.tuple(fc.integer({ min: 1, max: 64 * 1024 }), fc.boolean()).map(([over, chunked]) => {
    const prefix = `${encodeURIComponent(name)}=`;
    const body = prefix + "x".repeat(limit + over - prefix.length);
    return labelled("size", `${limit + over} bytes${chunked ? ", chunked" : ""}`, { body, chunked, contentType });
  });
}
