// Starts Stepping Up: migrate, seed the demo on an empty database, then serve.
// Under `npm run dev` (NODE_ENV=development) it also re-imports each new build, so an edit is served
// within seconds of the compiler finishing, and tells the compiler it is ready.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp, listen } from "./server/app.js";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

const root = path.dirname(fileURLToPath(import.meta.url));
const BUILD = path.join(root, "build", "index.js");
const development = process.env.NODE_ENV === "development";

async function importBuild() {
  // A query string makes Node load the rebuilt module instead of the cached one.
  const stamp = development ? `?t=${fs.statSync(BUILD).mtimeMs}` : "";
  return import(pathToFileURL(BUILD).href + stamp);
}

async function main() {
  let build = await importBuild();
  const info = await build.entry.module.startup({ migrationsFolder: path.join(root, "db", "migrations") });
  const app = createApp(development ? () => build : build, {
    trustProxy: info.trustProxy,
    publicDir: path.join(root, "public"),
  });
  const server = await listen(app, { port: info.port });
  console.log(`Stepping Up is running on http://localhost:${info.port}`);
  if (info.seeded) console.log("Seeded the demo portfolio into an empty database.");
  console.log(info.signInHelp);
  if (development) await watchBuilds((next) => (build = next), build);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Development only: load each build the compiler writes and report it ready. */
async function watchBuilds(use, first) {
  const { broadcastDevReady } = await import("@remix-run/node");
  await broadcastDevReady(first);
  // The compiler writes version.txt after the whole server build, so it is safe to load then.
  fs.watch(path.dirname(BUILD), async (_event, file) => {
    if (file !== "version.txt") return;
    try {
      const next = await importBuild();
      use(next);
      await broadcastDevReady(next);
    } catch (error) {
      console.error("Could not load the new build:", error);
    }
  });
}

main().catch((error) => {
  console.error(`Stepping Up could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
