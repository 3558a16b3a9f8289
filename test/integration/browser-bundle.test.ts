// What the browser downloads: the build's own record of which sources went into each chunk.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

type Metafile = { outputs: Record<string, { inputs: Record<string, unknown> }> };
const metafile = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../build/metafile.js.json"), "utf8")) as Metafile;
const browserInputs = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));

it("the build's record lists the browser chunks and their sources", () => {
  expect(Object.keys(metafile.outputs).length).toBeGreaterThan(20);
  expect(browserInputs).toContain("app/routes/projects.$projectId.measures.$measureId.import.tsx");
});

it("ships no server-only code to the browser: no .server module, no CSV parser, no SPC bench", () => {
  expect(browserInputs.filter((input) => /\.server\.tsx?$/.test(input))).toEqual([]);
  expect(browserInputs.filter((input) => input.includes("node_modules/papaparse"))).toEqual([]);
  expect(browserInputs.filter((input) => input.includes("bench/"))).toEqual([]);
  expect(browserInputs.filter((input) => input.includes("node_modules/better-sqlite3") || input.includes("node_modules/drizzle-orm"))).toEqual([]);
});
