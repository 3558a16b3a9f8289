import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openMarks, shortenText } from "~/domain/short-text";
import { attentionFlags } from "~/domain/attention";

describe("shortenText", () => {
  it("keeps text that fits, with its spaces tidied", () => {
    expect(shortenText("  Agree   funding\nnow ", 80)).toEqual({ text: "Agree funding now", cut: false });
  });

  it("cuts before a parenthesis rather than inside it (the board's ask about a theatre list)", () => {
    const what = "Agree funding for a Saturday trauma theatre list for 12 weeks (estimated £84,000).";
    const short = shortenText(what, 80);
    expect(short).toEqual({ text: "Agree funding for a Saturday trauma theatre list for 12 weeks…", cut: true });
  });

  it("cuts at a word boundary, never mid-word, and drops punctuation before the ellipsis", () => {
    expect(shortenText("Recruit two more ward champions, then audit every Friday", 40).text).toBe("Recruit two more ward champions, then…");
    expect(shortenText("One, two, three, four", 15).text).toBe("One, two…");
  });

  it("never ends inside a quotation", () => {
    expect(shortenText('Ask pharmacy to "review every antibiotic at 72 hours" on all wards', 50).text).toBe("Ask pharmacy to…");
    expect(shortenText("Ask pharmacy to “review every antibiotic at 72 hours” on all wards", 62).text).toBe(
      "Ask pharmacy to “review every antibiotic at 72 hours” on all…",
    );
  });

  it("treats a right single quote inside a word as an apostrophe", () => {
    expect(shortenText("Don’t close the ward’s bay before the review of staffing levels", 30).text).toBe("Don’t close the ward’s bay…");
  });

  it("closes what is open when the whole text is one parenthesis", () => {
    expect(shortenText("(an aside that goes on for far too long to fit)", 20)).toEqual({ text: "(an aside that…)", cut: true });
  });

  it("cuts a single word longer than the room, closing what it opened", () => {
    expect(shortenText("(0a£A££.£.a) (£)", 12)).toEqual({ text: "(0a£A££.£.…)", cut: true });
    expect(shortenText("Supercalifragilistic", 8)).toEqual({ text: "Superca…", cut: true });
  });

  it("always fits, keeps the start of the text, cuts between words and leaves nothing open (property)", () => {
    const word = fc.stringMatching(/^[A-Za-z£0-9,.]{1,12}$/);
    const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
    const group = fc.oneof(
      words,
      words.map((w) => `(${w})`),
      words.map((w) => `"${w}"`),
      words.map((w) => `“${w}”`),
    );
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 12 }), fc.integer({ min: 12, max: 90 }), (groups, max) => {
        const text = groups.join(" ");
        const short = shortenText(text, max);
        expect(short.text.length).toBeLessThanOrEqual(max);
        expect(openMarks(short.text)).toEqual([]);
        if (!short.cut) {
          expect(short.text).toBe(text);
          return;
        }
        const head = short.text.slice(0, short.text.indexOf("…"));
        expect(text.startsWith(head)).toBe(true);
        const next = text.slice(head.length);
        // The cut falls where a word ended (perhaps after punctuation it dropped), or closes a mark it had to cut inside.
        expect(
          /^[,;:\-–—]*( |$)/.test(next) || short.text.endsWith(")") || short.text.endsWith('"') || short.text.endsWith("”") || head.length === max - 1,
        ).toBe(true);
      }),
    );
  });
});

describe("the open-ask flag", () => {
  it("quotes the ask shortened at a word boundary and keeps the full text beside it", () => {
    const what = "Agree funding for a Saturday trauma theatre list for 12 weeks (estimated £84,000).";
    const flags = attentionFlags(
      {
        stage: "active",
        startedOn: "2026-09-01",
        progressScore: 2,
        latestRag: "amber",
        lastStatusReportOn: "2026-11-20",
        lastPdsaActivityOn: "2026-11-20",
        milestones: [],
        measures: [],
        openAsks: [{ what, raisedOn: "2026-09-01" }],
      },
      "2026-11-26",
    );
    const ask = flags.find((f) => f.code === "ask_open");
    expect(ask?.reason).toBe('Ask open for 86 days: "Agree funding for a Saturday trauma theatre list for 12 weeks…"');
    expect(ask?.detail).toBe(what);
  });
});
