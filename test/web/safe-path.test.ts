import { describe, expect, it } from "vitest";
import { redirectField, safePath } from "~/web/safe-path";
import { safeRedirect } from "~/auth/session.server";

describe("safePath", () => {
  it("keeps same-site paths with queries and escapes", () => {
    for (const path of ["/", "/projects", "/projects/3/measures?saved=1", "/board?q=sepsis+ward&page=2", "/%E2%82%AC", "/a-b_c.d~e"]) {
      expect(safePath(path), path).toBe(path);
    }
  });

  it("sends anything else to the fallback", () => {
    const hostile = [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/€",
      "/caf\u00e9",
      "/a\r\nSet-Cookie: x=1",
      "/a\tb",
      "/a b",
      "/a#frag",
      "/%zz",
      "/%E2%8",
      `/${"a".repeat(3000)}`,
      "",
    ];
    for (const path of hostile) expect(safePath(path, "/board"), JSON.stringify(path)).toBe("/board");
    for (const value of [null, undefined, 42, ["/a"], {}]) expect(safePath(value)).toBe("/");
  });

  it("is the rule safeRedirect applies", () => {
    expect(safeRedirect("/€")).toBe("/");
    expect(safeRedirect("/projects")).toBe("/projects");
  });

  it("as a form field, never refuses but reads a bad target as the fallback", () => {
    const field = redirectField("/board");
    expect(field.parse("/€")).toBe("/board");
    expect(field.parse(undefined)).toBe("/board");
    expect(field.parse("/board?group=wave")).toBe("/board?group=wave");
  });
});
