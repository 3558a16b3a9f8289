// The production HTTP server: security headers, compression, static files and Remix.
import crypto from "node:crypto";
import path from "node:path";
import express from "express";
import compression from "compression";
import helmet from "helmet";
import { boundRequestBody, createBoundedRequestHandler, createHttpServer, DEFAULT_TIMEOUTS } from "./request-limits.js";
import { pageCache } from "./page-cache.js";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Stateless endpoints meant for outside clients; they store nothing.
const CROSS_SITE_ALLOWED = new Set(["/api/spc"]);

/** Refuses a state-changing request that a browser says came from another site. */
export function crossSiteGuard(req, res, next) {
  if (!STATE_CHANGING.has(req.method) || CROSS_SITE_ALLOWED.has(req.path)) return next();
  const fetchSite = req.get("Sec-Fetch-Site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return res.status(403).type("text/plain").send("Cross-site request refused.");
  }
  const origin = req.get("Origin");
  if (origin && origin !== "null") {
    const expected = `${req.protocol}://${req.get("Host")}`;
    if (origin !== expected) return res.status(403).type("text/plain").send("Cross-site request refused.");
  } else if (origin === "null") {
    return res.status(403).type("text/plain").send("Cross-site request refused.");
  }
  next();
}

/**
 * @param {import("@remix-run/node").ServerBuild | (() => import("@remix-run/node").ServerBuild)} build the build, or (in development) a function giving the latest
 * @param {{ trustProxy: number | string[], publicDir: string }} options
 */
export function createApp(build, { trustProxy, publicDir }) {
  const app = express();
  app.disable("x-powered-by");
  // A hop count or the proxies' addresses, never `true`: the client address is then the
  // right-most X-Forwarded-For entry not added by a trusted proxy, which a client cannot forge.
  app.set("trust proxy", trustProxy);
  app.use(compression());

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (req, res) => `'nonce-${res.locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      // HSTS only means something over HTTPS; set below when the request is secure.
      strictTransportSecurity: false,
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((req, res, next) => {
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", index: false }));
  // Files in public/ all have an extension: a page's address is not looked for on disk first.
  const publicFiles = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // First, so every later refusal comes after the body is read: the client gets the answer, not a reset.
  app.use(boundRequestBody);
  app.use(crossSiteGuard);
  app.use((req, res, next) => {
    // Pages hold a trust's internal data: never keep them in a shared or browser cache.
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  const loadContext = (req, res) => ({
    cspNonce: res.locals.cspNonce,
    clientIp: req.ip ?? "",
    isHttps: req.secure,
    pageCache: res.locals.pageCache,
  });
  // A page kept since nothing changed is sent without running Remix (ADR 126).
  app.get("*", pageCache(build, loadContext));
  app.all("*", createBoundedRequestHandler({ build, getLoadContext: loadContext }));

  // Errors outside Remix: log the detail, show nothing internal.
  app.use((error, req, res, _next) => {
    console.error(error);
    if (!res.headersSent) res.status(500).type("text/plain").send("Sorry, there is a problem with the service.");
  });
  return app;
}

/**
 * Listens with the request and header timeouts of request-limits.js (lowered in tests).
 * @param {import("express").Express} app
 * @param {{ port: number, host?: string, timeouts?: { requestTimeoutMs: number, headersTimeoutMs: number } }} options
 * @returns {Promise<import("node:http").Server>}
 */
export function listen(app, { port, host, timeouts = DEFAULT_TIMEOUTS }) {
  const server = createHttpServer(app, timeouts);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
