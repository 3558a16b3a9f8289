// Integration and browser tests run the built server. This global set-up makes sure they never
// test yesterday's build: when any source is newer than build/ (or there is no build) it rebuilds.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "server", "db", "styles", "remix.config.js", "server.js"];
// Written by the build itself (or unrelated to it).
const GENERATED = [path.join("app", "styles", "app.css"), path.join("db", "migrations")];

function newestSource(root: string, entry: string, since: number, found: string[]) {
  const full = path.join(root, entry);
  if (GENERATED.some((g) => entry === g || entry.startsWith(g + path.sep))) return;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(full)) newestSource(root, path.join(entry, child), since, found);
  } else if (stat.mtimeMs > since) {
    found.push(entry);
  }
}

/** Source files changed since the build was made; every source when there is no build. */
export function staleSources(root: string): string[] {
  const built = path.join(root, "build", "index.js");
  const since = fs.existsSync(built) ? fs.statSync(built).mtimeMs : -Infinity;
  const found: string[] = [];
  for (const entry of SOURCES) newestSource(root, entry, since, found);
  return found;
}

export default function setup() {
  const root = path.resolve(__dirname, "../..");
  const stale = staleSources(root);
  if (stale.length === 0) return;
  const why = fs.existsSync(path.join(root, "build", "index.js"))
    ? `${stale.length} source file(s) are newer than build/ (e.g. ${stale.slice(0, 3).join(", ")})`
    : "there is no build/";
  process.stdout.write(`Rebuilding before the tests: ${why}.\n`);
  try {
    // The same production build `npm test` and `npm start` make (vitest itself runs with NODE_ENV=test).
    execFileSync("npm", ["run", "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
  } catch {
    throw new Error("The build failed, so the tests would run against stale code. Fix the build (npm run build) first.");
  }
}
