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

export type BuiltRoute = { id: string; pattern: string; hasAction: boolean; hasLoader: boolean };

/** Every route of the build but the root, with its URL pattern ("/projects/:projectId/edit"; an
 * index route has its parent's pattern, the home page "/"). */
export async function builtRoutes(): Promise<BuiltRoute[]> {
  const routes = (await importBuild()).routes;
  const full = (id: string): string => {
    const route = routes[id]!;
    const parent = route.parentId && route.parentId !== "root" ? full(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(routes)
    .filter((route) => route !== undefined && route.id !== "root")
    .map((route) => ({
      id: route!.id,
      pattern: `/${full(route!.id)}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1"),
      hasAction: typeof route!.module.action === "function",
      hasLoader: typeof route!.module.loader === "function",
    }));
}

type CreateApp = (build: ServerBuild, options: { trustProxy: number | string[]; publicDir: string }) => import("express").Express;

export type Timeouts = { requestTimeoutMs: number; headersTimeoutMs: number };
type Listen = (app: import("express").Express, options: { port: number; host?: string; timeouts?: Timeouts }) => Promise<import("node:http").Server>;

export async function importServerApp(): Promise<{ createApp: CreateApp; listen: Listen }> {
  const file = path.join(projectRoot, "server", "app.js");
  return (await import(/* @vite-ignore */ file)) as { createApp: CreateApp; listen: Listen };
}
