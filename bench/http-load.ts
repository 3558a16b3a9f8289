// Load over HTTP with autocannon: latency percentiles from every response, requests/s, errors and non-2xx.
import autocannon from "autocannon";
import { PASSWORD } from "./server-process";

export type Load = { p50: number; p95: number; p99: number; rps: number; errors: number; non2xx: number; ok: number; requests: number };

export const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
/** Milliseconds, or a dash when no request finished within the row (its percentiles are undefined). */
export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");

export async function signIn(url: string, email = "board@bench.example") {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/board" }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`sign-in as ${email} failed with ${res.status}`);
  return cookie;
}

/** autocannon against one URL; `okStatus` says which answers count as a success (302 for a saved form). */
export async function load(
  url: string,
  cookie: string,
  connections: number,
  seconds: number,
  options: { method?: "GET" | "POST"; body?: string; okStatus?: number } = {},
): Promise<Load> {
  const times: number[] = [];
  let ok = 0;
  const okStatus = options.okStatus ?? 200;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        method: options.method ?? "GET",
        body: options.body,
        headers: {
          Cookie: cookie,
          ...(options.body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      if (status === okStatus) ok++;
    });
  });
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok,
    requests: times.length,
  };
}
