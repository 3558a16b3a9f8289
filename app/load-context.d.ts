import "@remix-run/node";
import type { PageTicket } from "~/web/page-cache.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    isHttps: boolean;
    /** Set when the page may be kept by the page cache (ADR 126). */
    pageCache?: PageTicket;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
