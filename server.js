// Starts Stepping Up: migrate, seed the demo on an empty database, then serve.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./server/app.js";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

const root = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const build = await import("./build/index.js");
  const info = await build.entry.module.startup({ migrationsFolder: path.join(root, "db", "migrations") });
  const app = createApp(build, { trustProxy: info.trustProxy, publicDir: path.join(root, "public") });
  const server = app.listen(info.port, () => {
    console.log(`Stepping Up is running on http://localhost:${info.port}`);
    if (info.seeded) console.log("Seeded the demo portfolio into an empty database.");
    console.log(info.signInHelp);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(`Stepping Up could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
