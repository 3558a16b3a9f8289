import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";

import { subscribeNotifications } from "~/models/notification-events.server";
import { keepPage } from "~/web/page-cache.server";

export { startup } from "~/boot.server";
// The server looks a page up before Remix runs any loader (server/app.js).
export { lookupPage } from "~/web/page-cache.server";

// Notifications subscribe to the write commands' events as soon as this build is loaded (each dev rebuild too).
subscribeNotifications();

export const streamTimeout = 5_000;

// Waits for the whole document (no out-of-order streaming): pages are small and
// server-rendered, and every script carries the request's CSP nonce.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const ticket = loadContext.pageCache;
  // A cacheable page is rendered with holes in place of its per-request values, kept, then filled.
  const nonce = ticket ? ticket.holes.nonce : (loadContext.cspNonce ?? "");
  const rendered = new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
  if (!ticket) return rendered;
  return rendered.then(async (response) => {
    const body = keepPage(ticket, { status: response.status, headers: [...response.headers.entries()], body: await response.text() }, loadContext.cspNonce);
    const headers = new Headers(response.headers);
    headers.set("X-Page-Cache", "miss");
    return new Response(body, { status: response.status, headers });
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A page that does not exist (a browser asking for /favicon.ico, a mistyped link) is not an error to log.
  if (isRouteErrorResponse(error) && error.status === 404) return;
  console.error(error);
}
