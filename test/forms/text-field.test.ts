import { describe, expect, it } from "vitest";
import { parseCqcPaste } from "~/forms/cqc-paste";
import { optionalText, requiredText, textProblem } from "~/forms/text-field";

const title = requiredText("Enter a title", { what: "The title", max: 20 });
const notes = optionalText({ what: "The notes", max: 50, multiline: true });
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("textProblem", () => {
  it.each([
    ["a\u0000b", "control"],
    ["a\u001bb", "control"],
    ["a\u007fb", "control"],
    ["a\u0085b", "control"],
    ["a\tb", "line_break"],
    ["a\nb", "line_break"],
    ["a\r\nb", "line_break"],
    ...["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"].map((c) => [`x${c}y`, "bidi"]),
  ])("finds %j on one line: %s", (text, problem) => {
    expect(textProblem(text, false)).toBe(problem);
  });

  it("lets a textarea keep tabs and line breaks, but no other control characters", () => {
    expect(textProblem("one\r\ntwo\tthree\n", true)).toBeNull();
    expect(textProblem("bell\u0007", true)).toBe("control");
    expect(textProblem("form feed\u000c", true)).toBe("control");
  });

  it("accepts ordinary text in any script, with marks a reader can see", () => {
    for (const text of ["Ward 7 – sepsis", "Zoë O'Brien", "العربية", "中文", "95% ≥ target", "dim\u200bsum"]) {
      expect(textProblem(text, false), text).toBeNull();
    }
  });
});

describe("requiredText", () => {
  it("stores NFC: a decomposed é becomes one character", () => {
    const r = title.safeParse("Cafe\u0301 round");
    expect(r.data).toBe("Caf\u00e9 round");
    expect(r.data?.length).toBe(10);
  });

  it("counts the length after normalising, so a decomposed name is not refused early", () => {
    expect(title.safeParse("e\u0301".repeat(20)).success).toBe(true);
  });

  it("refuses control, line-break and bidi characters with a message naming the field", () => {
    expect(messages(title.safeParse("Sepsis\u0000"))).toEqual([
      "The title must not contain hidden control characters. Type it again or paste it as plain text",
    ]);
    expect(messages(title.safeParse("Sepsis\tscreen"))).toEqual(["The title must be on one line, without tabs or line breaks"]);
    expect(messages(title.safeParse("abc\u202egnp.exe"))).toEqual(["The title must not contain hidden characters that change the direction of text"]);
  });

  it("treats text with no visible character as missing", () => {
    for (const blank of ["\u200b\u200b", " \u200c\u200d ", "\ufeff", "\u00a0\u3000"]) {
      expect(messages(title.safeParse(blank)), JSON.stringify(blank)).toEqual(["Enter a title"]);
    }
    expect(messages(title.safeParse(undefined))).toEqual(["Enter a title"]);
  });

  it("keeps the length message", () => {
    expect(messages(title.safeParse("x".repeat(21)))).toEqual(["The title must be 20 characters or fewer"]);
  });
});

describe("optionalText", () => {
  it("keeps a textarea's line breaks and tabs", () => {
    expect(notes.safeParse("First\r\n\tSecond").data).toBe("First\r\n\tSecond");
  });

  it("reads only invisible characters as empty", () => {
    expect(notes.safeParse("\u200b\u200b").data).toBe("");
    expect(notes.safeParse(undefined).success).toBe(true);
  });

  it("refuses control and bidi characters even in a textarea", () => {
    expect(notes.safeParse("a\u0008").success).toBe(false);
    expect(notes.safeParse("a\u2067b").success).toBe(false);
  });
});

describe("parseCqcPaste applies the same rule", () => {
  it("refuses a line with a control or bidi character and keeps the others", () => {
    const rows = parseCqcPaste("MD1\tmust do\tsafe\tED\tCheck sepsis screening\nMD2\u0007\tmust do\tsafe\tED\tAudit\nMD3\tmust do\tsafe\tED\tAudit \u202eevil");
    expect(rows[0].value?.reference).toBe("MD1");
    expect(rows[1].error).toBe("Line 2 must not contain hidden control characters. Type it again or paste it as plain text");
    expect(rows[2].error).toBe("Line 3 must not contain hidden characters that change the direction of text");
  });
});
