// The accessibility statement (ADR 083) is public and has each part the 2018 regulations require,
// with the trust's own contact details from the environment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPage } from "../helpers/html";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { ACCESSIBILITY_CONTACT_EMAIL: "accessibility@trust.example.org", ACCESSIBILITY_CONTACT_PHONE: "0123 456 7890" } });
});
afterAll(async () => {
  await server?.close();
});

describe("the accessibility statement", () => {
  it("is public: a visitor who is not signed in reads it, and it is linked from the sign-in page", async () => {
    const visitor = new Client(server.url);
    const res = await visitor.get("/accessibility");
    expect(res.status).toBe(200);
    const login = await readPage(await visitor.get("/login"));
    expect(login.hrefs()).toContain("/accessibility");
  });

  it("has every part the regulations require", async () => {
    const page = await readPage(await new Client(server.url).get("/accessibility"));
    const headings = page.root.querySelectorAll("main h1, main h2, main h3").map((h) => h.text.trim());
    expect(headings).toEqual([
      "Accessibility statement for Stepping Up",
      "How accessible this service is",
      "Feedback and contact information",
      "Reporting accessibility problems with this service",
      "Enforcement procedure",
      "Technical information about this service's accessibility",
      "Compliance status",
      "Non-accessible content",
      "Non-compliance with the accessibility regulations",
      "Disproportionate burden",
      "Content that's not within the scope of the accessibility regulations",
      "What we're doing to improve accessibility",
      "Preparation of this accessibility statement",
    ]);
    const text = page.text.replace(/\s+/g, " ");
    expect(text).toContain("This accessibility statement applies to Stepping Up");
    expect(text).toContain("partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard");
    expect(text).toContain("in a different format, like accessible PDF, large print");
    expect(text).toContain("email accessibility@trust.example.org");
    expect(text).toContain("call 0123 456 7890");
    expect(page.hrefs()).toContain("mailto:accessibility@trust.example.org");
    expect(text).toContain("Equality and Human Rights Commission (EHRC)");
    expect(text).toContain("Equality Commission for Northern Ireland (ECNI)");
    expect(text).toContain("Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018");
    expect(text).toMatch(/This statement was prepared on \d{1,2} [A-Z][a-z]+ \d{4}\. It was last reviewed on \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(text).toMatch(/This service was last tested on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toContain("axe-core");
  });
});
