// Proof that a browser test exercises the app with JavaScript on: the page has hydrated before
// anyone types, and every form post goes through Remix's fetch, never a plain document post
// (a plain post is what a browser falls back to when the page has not hydrated or a script failed).
import type { Page } from "playwright-core";
import { watchForPageErrors } from "./support";

export type PageWatch = {
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Form posts the browser sent as a page load: each one means JavaScript was not handling the form. */
  documentPosts: string[];
  /** Form posts Remix sent with fetch. */
  fetchPosts: string[];
};

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: watchForPageErrors(page), documentPosts: [], fetchPosts: [] };
  page.on("request", (request) => {
    if (request.method() !== "POST") return;
    const { pathname } = new URL(request.url());
    if (request.resourceType() === "document") watch.documentPosts.push(pathname);
    else if (request.resourceType() === "fetch") watch.fetchPosts.push(pathname);
  });
  return watch;
}

/** Waits until React has hydrated the page and every form on it (React keeps its props on each element it owns). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const owned = (el: Element) => Object.keys(el).some((key) => key.startsWith("__reactProps$"));
    return owned(document.body) && [...document.querySelectorAll("form")].every(owned);
  });
}

/** Goes to a page of the app and waits for it to hydrate. */
export async function open(page: Page, url: string) {
  const response = await page.goto(url);
  await hydrated(page);
  return response;
}

/** The words "undefined" or "NaN" shown where a value belongs. */
export async function undefinedOrNaNShown(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.match(/\b(?:undefined|NaN)\b/g) ?? [];
}
