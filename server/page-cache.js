// Express middleware in front of Remix: a signed-in GET of a page kept by the page cache is
// answered here; otherwise the request goes on to Remix with a ticket for keeping what it renders.
import { createRemixRequest } from "@remix-run/express/dist/server.js";

/**
 * @param {import("@remix-run/node").ServerBuild | (() => import("@remix-run/node").ServerBuild)} build
 * @param {(req: import("express").Request, res: import("express").Response) => import("@remix-run/node").AppLoadContext} loadContext
 */
export function pageCache(build, loadContext) {
  return async (req, res, next) => {
    try {
      const current = typeof build === "function" ? build() : build;
      const lookupPage = current.entry.module.lookupPage;
      if (!lookupPage) return next();
      const found = await lookupPage(createRemixRequest(req, res), loadContext(req, res), current.routes);
      if (found && "cached" in found) {
        const { status, headers, body } = found.cached;
        res.status(status);
        for (const [name, value] of headers) res.setHeader(name, value);
        res.setHeader("Content-Length", body.length);
        return res.end(body);
      }
      if (found) res.locals.pageCache = found.ticket;
      next();
    } catch (error) {
      next(error);
    }
  };
}
