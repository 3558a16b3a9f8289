// Page-load figures for one page in Debian's Chromium: the largest contentful paint and the
// JavaScript transferred. Called by the benchmark and by test/e2e/page-load.test.ts.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

export type PageLoad = { lcpMs: number; jsTransferredKb: number; scripts: number };

/** Either a session cookie ("name=value") or credentials to sign in with on the same origin. */
export type Credentials = { cookie: string } | { email: string; password: string };

function chromiumPath(): string {
  const candidate = process.env.CHROME_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(candidate)) throw new Error(`Chromium not found at ${candidate}: set CHROME_PATH`);
  return candidate;
}

export async function measurePageLoad(url: string, credentials: Credentials, browser?: Browser): Promise<PageLoad> {
  const own =
    browser ??
    (await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ["--no-sandbox", "--disable-gpu"],
    }));
  const context = await own.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const origin = new URL(url).origin;
    if ("cookie" in credentials) {
      const eq = credentials.cookie.indexOf("=");
      await context.addCookies([{ name: credentials.cookie.slice(0, eq), value: credentials.cookie.slice(eq + 1), url: origin }]);
    } else {
      const signIn = await context.newPage();
      await signIn.goto(`${origin}/login`);
      await signIn.getByLabel("Email address").fill(credentials.email);
      await signIn.getByLabel("Password").fill(credentials.password);
      await signIn.getByRole("button", { name: "Sign in" }).click();
      await signIn.waitForURL((u) => !u.pathname.startsWith("/login"));
      await signIn.close();
    }

    // A fresh page with an empty cache, so every script counts as transferred.
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    await page.waitForLoadState("networkidle");

    return await page.evaluate(async () => {
      const lcpMs = await new Promise<number>((resolve) => {
        let latest = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) latest = Math.max(latest, entry.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        // Buffered entries arrive in the next task.
        setTimeout(() => resolve(latest), 250);
      });
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
        (r) => r.initiatorType === "script" || /\.m?js(\?|$)/.test(new URL(r.name).pathname),
      );
      const bytes = scripts.reduce((n, r) => n + (r.transferSize || r.encodedBodySize), 0);
      return {
        lcpMs: Math.round(lcpMs),
        jsTransferredKb: Math.round((bytes / 1024) * 10) / 10,
        scripts: scripts.length,
      };
    });
  } finally {
    await context.close();
    if (!browser) await own.close();
  }
}
