// The built server is plain JavaScript made by `remix build`; import it by a computed
// path so the type checker does not infer types from generated code.
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import type { StartupInfo } from "../../app/boot.server";

export const projectRoot = path.resolve(__dirname, "../..");

export type BuiltServer = ServerBuild & {
  entry: { module: { startup: (opts: { migrationsFolder: string; background?: boolean }) => Promise<StartupInfo> } };
};

export async function importBuild(): Promise<BuiltServer> {
  const file = path.join(projectRoot, "build", "index.js");
  return (await import(/* @vite-ignore */ file)) as BuiltServer;
}

type CreateApp = (
  build: ServerBuild,
  options: { trustProxy: number | string[]; publicDir: string },
) => import("express").Express;

export type Timeouts = { requestTimeoutMs: number; headersTimeoutMs: number };
type Listen = (
  app: import("express").Express,
  options: { port: number; host?: string; timeouts?: Timeouts },
) => Promise<import("node:http").Server>;

export async function importServerApp(): Promise<{ createApp: CreateApp; listen: Listen }> {
  const file = path.join(projectRoot, "server", "app.js");
  return (await import(/* @vite-ignore */ file)) as { createApp: CreateApp; listen: Listen };
}
