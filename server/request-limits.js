// Bounds every request body before Remix sees it: only the two form encodings, counted
// as the bytes arrive (declared Content-Length and chunked alike), and slow bodies cut off.
import http from "node:http";
// The adapter's own request and response helpers (exported by its server module, not its index).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import { createRenderSlots } from "./render-slots.js";

const MiB = 1024 * 1024;
export const FORM_BODY_LIMIT = 1 * MiB;
export const IMPORT_BODY_LIMIT = 5 * MiB;
const IMPORT_PATH = /^\/projects\/[^/]+\/measures\/[^/]+\/import\/?$/;
// /api/spc reads and bounds its own JSON body (app/web/spc-body.server.ts) and answers in JSON.
const OWN_BODY = new Set(["/api/spc"]);
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Past the limit, this much more is read and dropped so the client can read the 413;
// beyond it the connection is closed.
const DRAIN_BYTES = 8 * MiB;
// RFC 2046 §5.1.1: 1 to 70 characters, the last not a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export function bodyLimitFor(path) {
  return IMPORT_PATH.test(path) ? IMPORT_BODY_LIMIT : FORM_BODY_LIMIT;
}

/** "urlencoded", "multipart" (with a well-formed boundary) or null for anything else. */
export function formEncoding(contentType) {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(";").map((part) => part.trim());
  if (type.toLowerCase() === "application/x-www-form-urlencoded") return "urlencoded";
  if (type.toLowerCase() !== "multipart/form-data") return null;
  const boundaries = params.filter((p) => /^boundary=/i.test(p)).map((p) => p.slice(9).replace(/^"(.*)"$/, "$1"));
  return boundaries.length === 1 && BOUNDARY.test(boundaries[0]) ? "multipart" : null;
}

function refuse(res, status, message) {
  // Unread bytes may remain on the connection: do not let the client reuse it.
  res.status(status).set("Connection", "close").type("text/plain").send(message);
}

const TOO_LARGE = (limit) => `The request is too large: send no more than ${limit / MiB} MiB.`;

/** Reads and drops the rest of a refused body (up to DRAIN_BYTES), then answers; past that, hangs up. */
function refuseAfterDrain(req, res, status, message) {
  let dropped = 0;
  req.removeAllListeners("data");
  req.on("data", (chunk) => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES) {
      req.removeAllListeners("data");
      req.socket.destroy();
    }
  });
  req.once("end", () => refuse(res, status, message));
  req.resume();
}

/**
 * Express middleware: a state-changing request carries a form body of at most its route's
 * limit, read here into req.boundedBody; anything else is answered 413, 415 or 400.
 */
export function boundRequestBody(req, res, next) {
  if (!WITH_BODY.has(req.method) || OWN_BODY.has(req.path)) return next();
  const encoding = formEncoding(req.get("Content-Type"));
  if (!encoding) {
    return refuseAfterDrain(req, res, 415, "Send this as a web form (application/x-www-form-urlencoded or multipart/form-data).");
  }
  const limit = bodyLimitFor(req.path);
  const declared = Number(req.get("Content-Length"));
  if (declared > limit) {
    if (declared - limit > DRAIN_BYTES) return refuse(res, 413, TOO_LARGE(limit));
    return refuseAfterDrain(req, res, 413, TOO_LARGE(limit));
  }
  const chunks = [];
  let total = 0;
  const onData = (chunk) => {
    total += chunk.length;
    if (total > limit) {
      chunks.length = 0;
      refuseAfterDrain(req, res, 413, TOO_LARGE(limit));
      return;
    }
    chunks.push(chunk);
  };
  req.on("data", onData);
  req.once("end", async () => {
    if (total > limit) return;
    req.boundedBody = Buffer.concat(chunks);
    if (encoding === "multipart" && !(await isReadableMultipart(req.boundedBody, req.get("Content-Type")))) {
      return refuse(res, 400, "This form could not be read. Reload the page and try again.");
    }
    next();
  });
  // A client that goes away mid-body: nothing to answer.
  req.once("error", () => req.socket.destroy());
}

async function isReadableMultipart(body, contentType) {
  try {
    await new Response(body, { headers: { "Content-Type": contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

/** Remix's Express handler, fed the body boundRequestBody has already read. */
export function createBoundedRequestHandler({ build, getLoadContext }) {
  const handleRequest = createRemixHandler(build, process.env.NODE_ENV);
  const slot = createRenderSlots(RENDER_SLOTS);
  return async (req, res, next) => {
    const release = await slot();
    try {
      // The client left while it waited: nothing to render for.
      if (req.socket.destroyed) return;
      // Remix builds the URL, headers and abort signal; asked as a GET it leaves the already-read stream alone.
      const request = req.boundedBody
        ? new Request(createRemixRequest(Object.create(req, { method: { value: "GET" } }), res), {
            method: req.method,
            body: req.boundedBody,
          })
        : createRemixRequest(req, res);
      const response = await handleRequest(request, await getLoadContext(req, res));
      // The page is rendered: sending it (at the client's pace) needs no slot.
      release();
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    } finally {
      release();
    }
  };
}

/** Requests inside Remix at once, per process, and how long one waits before going ahead anyway (ADR 127). */
export const RENDER_SLOTS = { limit: 2, stuckMs: 2_000 };

export const DEFAULT_TIMEOUTS = { requestTimeoutMs: 30_000, headersTimeoutMs: 20_000 };

/**
 * An HTTP server for the app whose clients must send their headers and whole request
 * within tens of seconds (Node's default is five minutes), so a trickled body is cut off.
 */
export function createHttpServer(app, { requestTimeoutMs, headersTimeoutMs } = DEFAULT_TIMEOUTS) {
  return http.createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      // How often Node checks those timeouts; its default (30 s) would blur them.
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
    app,
  );
}
