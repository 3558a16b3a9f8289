import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    isHttps: boolean;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
