// Field names are checked against the form's schema before conform structures anything.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parsePath } from "~/forms/form-names.server";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { dayField } from "~/forms/day-field";

const Schema = z
  .object({
    title: z.string().trim().min(1),
    when: z.preprocess((v) => v, z.string()).optional(),
    asks: z
      .array(z.object({ what: z.string(), dueOn: z.string().optional() }))
      .max(10)
      .optional(),
    tags: z.array(z.string()).optional(),
    kind: z.union([z.literal(""), z.coerce.number()]).optional(),
  })
  .superRefine(() => undefined);

const form = (pairs: [string, string][]) => new URLSearchParams(pairs);
async function status(run: () => unknown): Promise<number> {
  try {
    run();
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}
const intent = (value: object): [string, string] => ["__intent__", JSON.stringify(value)];

describe("parseSubmission's name checks", () => {
  it("accepts the names the schema knows, repeated only where it takes a list", async () => {
    const ok = form([
      ["title", "A"],
      ["asks[0].what", "x"],
      ["asks[1].what", "y"],
      ["asks[1].dueOn", "2026-12-01"],
      ["tags", "a"],
      ["tags", "b"],
      ["kind", ""],
      ["when", "x"],
    ]);
    expect(await status(() => parseSubmission(ok, { schema: Schema }))).toBe(200);
    expect(parseSubmission(ok, { schema: Schema }).status).toBe("success");
  });

  it.each([
    ["a sparse index on an unknown list", [["z[99999999]", "1"]]],
    ["an index past the schema's maximum", [["asks[10].what", "x"]]],
    ["an index of ten digits", [["asks[9999999999].what", "x"]]],
    ["a path under a text field", [["title.x", "1"]]],
    ["a deep path", [["a.b.c.d.e.f.g.h", "1"]]],
    ["a prototype name", [["__proto__", "1"]]],
    ["a prototype path", [["asks[0].__proto__", "1"]]],
    [
      "an unknown name sent twice",
      [
        ["z", "1"],
        ["z", "2"],
      ],
    ],
    ["a single field sent twice", [["title", "B"]]],
    ["a list past the ceiling of 1000", Array.from({ length: 1001 }, () => ["tags", "a"])],
    ["malformed syntax", [["asks[0", "x"]]],
    ["an empty name", [["", "x"]]],
    ["an insert far past the list's end", [intent({ type: "insert", payload: { name: "asks", index: 99999999 } })]],
    ["an intent on an unknown name", [intent({ type: "update", payload: { name: "z[99999999]", value: 1 } })]],
    ["an inserted value with unknown fields", [intent({ type: "insert", payload: { name: "asks", defaultValue: { evil: 1 } } })]],
    ["a state naming unknown fields", [["__state__", JSON.stringify({ validated: { "z[99999999]": true } })]]],
    ["a state carrying more than conform's", [["__state__", JSON.stringify({ validated: {}, echo: "x" })]]],
  ] as [string, [string, string][]][])("refuses %s with 400", async (_, extra) => {
    expect(await status(() => parseSubmission(form([["title", "A"], ...extra]), { schema: Schema }))).toBe(400);
  });

  it("refuses a plain forged field in the form, naming it but leaving it out of the reply", () => {
    for (const name of ["projectId", "constructor"]) {
      const submission = parseSubmission(
        form([
          ["title", "A"],
          [name, "7"],
        ]),
        { schema: Schema },
      );
      expect(submission.status).toBe("error");
      const reply = submission.reply();
      expect(reply.error?.[""]).toEqual([`This form cannot change ${name}. Reload the page and try again`]);
      expect(reply.initialValue).toEqual({ title: "A" });
      expect(JSON.stringify(reply)).not.toContain('"7"');
    }
  });

  it("accepts conform's own list intents within bounds", async () => {
    const insert = intent({ type: "insert", payload: { name: "asks", defaultValue: { what: "" } } });
    const remove = intent({ type: "remove", payload: { name: "asks", index: 0 } });
    for (const extra of [insert, remove]) {
      expect(await status(() => parseSubmission(form([["title", "A"], ["asks[0].what", "x"], extra]), { schema: Schema }))).toBe(200);
    }
  });

  it("accepts the fields an action reads itself only when it names them, and only once", async () => {
    const withIntent = form([
      ["title", "A"],
      ["intent", "save"],
    ]);
    expect(parseSubmission(withIntent, { schema: Schema }).status).toBe("error");
    expect(parseSubmission(withIntent, { schema: Schema, extraFields: ["intent"] }).status).toBe("success");
    withIntent.append("intent", "again");
    expect(await status(() => parseSubmission(withIntent, { schema: Schema, extraFields: ["intent"] }))).toBe(400);
  });
});

describe("parseFields", () => {
  const Flat = z.strictObject({ intent: z.literal("delete"), id: z.coerce.number() });
  it("reads a flat form and refuses unknown or structured names", async () => {
    expect(
      parseFields(
        form([
          ["intent", "delete"],
          ["id", "3"],
        ]),
        Flat,
      ),
    ).toMatchObject({ success: true, data: { id: 3 } });
    expect(
      await status(() =>
        parseFields(
          form([
            ["intent", "delete"],
            ["id", "3"],
            ["z", "1"],
          ]),
          Flat,
        ),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        parseFields(
          form([
            ["intent", "delete"],
            ["id[99999999]", "3"],
          ]),
          Flat,
        ),
      ),
    ).toBe(400);
  });
});

describe("parsePath (conform's syntax)", () => {
  it.each([
    ["a", ["a"]],
    ["a.b", ["a", "b"]],
    ["a[0].b", ["a", 0, "b"]],
    ["a[12][3]", ["a", 12, 3]],
  ])("reads %s", (name, path) => expect(parsePath(name)).toEqual(path));
  it.each(["", "a[", "a]", "a..b", ".a", "a.", "a[-1]", "a[]", "a[1e3]"])("refuses %j", (name) => expect(parsePath(name)).toBeNull());
});

describe("parseSubmission with a date input", () => {
  const Dated = z
    .object({
      title: z.string(),
      startDate: dayField({ what: "Start date", required: "Enter the start date" }),
      asks: z
        .array(z.object({ dueOn: dayField({ what: "The due date", required: "Enter it", optional: true }) }))
        .max(3)
        .optional(),
    })
    .strict();

  it("takes a date field's day, month and year boxes, or its ISO value, and nothing of the kind for other fields", async () => {
    const boxes = form([
      ["title", "A"],
      ["startDate.day", "1"],
      ["startDate.month", "4"],
      ["startDate.year", "2027"],
      ["asks[0].dueOn.day", "2"],
      ["asks[0].dueOn.month", "5"],
      ["asks[0].dueOn.year", "2027"],
    ]);
    const parsed = parseSubmission(boxes, { schema: Dated });
    expect(parsed.status === "success" && parsed.value).toEqual({ title: "A", startDate: "2027-04-01", asks: [{ dueOn: "2027-05-02" }] });
    const iso = parseSubmission(
      form([
        ["title", "A"],
        ["startDate", "2027-04-01"],
      ]),
      { schema: Dated },
    );
    expect(iso.status === "success" && iso.value.startDate).toBe("2027-04-01");
    expect(
      await status(() =>
        parseSubmission(
          form([
            ["title.day", "1"],
            ["startDate", "2027-04-01"],
          ]),
          { schema: Dated },
        ),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        parseSubmission(
          form([
            ["title", "A"],
            ["startDate.hour", "1"],
          ]),
          { schema: Dated },
        ),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        parseSubmission(
          form([
            ["title", "A"],
            ["startDate.day", "1"],
            ["startDate.day", "2"],
          ]),
          { schema: Dated },
        ),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        parseSubmission(
          form([
            ["title", "A"],
            ["startDate", "2027-04-01"],
            ["startDate", "2027-04-02"],
          ]),
          { schema: Dated },
        ),
      ),
    ).toBe(400);
  });

  it("answers a half-typed date with the NHS message on the date", () => {
    const parsed = parseSubmission(
      form([
        ["title", "A"],
        ["startDate.day", "1"],
        ["startDate.month", "4"],
        ["startDate.year", "27"],
      ]),
      { schema: Dated },
    );
    expect(parsed.status).toBe("error");
    expect(parsed.reply().error).toEqual({ startDate: ["Year must include 4 numbers"] });
  });
});
