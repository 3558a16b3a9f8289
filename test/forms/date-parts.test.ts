import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import { datePartsInError, datePartsMessage, readDateParts, readDateQuery } from "~/forms/date-parts";
import { dayField, optionalDay } from "~/forms/day-field";

const boxes = (day: string, month: string, year: string) => ({ day, month, year });
const start = dayField({ what: "Start date", required: "Enter the start date" });
const first = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("readDateParts", () => {
  it("reads a complete, real date as its ISO day, whatever the padding and spaces", () => {
    expect(readDateParts(boxes("1", "4", "2027"))).toEqual({ iso: "2027-04-01" });
    expect(readDateParts(boxes("01", "04", "2027"))).toEqual({ iso: "2027-04-01" });
    expect(readDateParts(boxes(" 29 ", "2", "2028"))).toEqual({ iso: "2028-02-29" });
  });

  it("says which boxes are missing, empty boxes being nothing typed", () => {
    expect(readDateParts(boxes("", "", ""))).toEqual({ empty: true });
    expect(readDateParts({})).toEqual({ empty: true });
    expect(readDateParts(boxes("1", "4", ""))).toEqual({ problem: { kind: "missing", parts: ["year"] } });
    expect(readDateParts(boxes("", "", "2027"))).toEqual({ problem: { kind: "missing", parts: ["day", "month"] } });
    expect(readDateParts(boxes("1", "", ""))).toEqual({ problem: { kind: "missing", parts: ["month", "year"] } });
  });

  it("refuses a year that is not 4 numbers rather than guessing the century", () => {
    expect(readDateParts(boxes("1", "4", "27"))).toEqual({ problem: { kind: "year-digits", parts: ["year"] } });
    expect(readDateParts(boxes("1", "4", "20270"))).toEqual({ problem: { kind: "year-digits", parts: ["year"] } });
  });

  it("refuses days and months that cannot be, naming the box at fault", () => {
    expect(readDateParts(boxes("31", "2", "2027"))).toEqual({ problem: { kind: "not-real", parts: ["day"] } });
    expect(readDateParts(boxes("29", "2", "2027"))).toEqual({ problem: { kind: "not-real", parts: ["day"] } });
    expect(readDateParts(boxes("1", "13", "2027"))).toEqual({ problem: { kind: "not-real", parts: ["month"] } });
    expect(readDateParts(boxes("0", "0", "2027"))).toEqual({ problem: { kind: "not-real", parts: ["day", "month"] } });
    expect(readDateParts(boxes("first", "4", "2027"))).toEqual({ problem: { kind: "not-real", parts: ["day"] } });
    expect(readDateParts(boxes("1", "April", "2027"))).toEqual({ problem: { kind: "not-real", parts: ["month"] } });
  });

  it("marks every box when the date as a whole is wrong", () => {
    expect(datePartsInError(boxes("1", "4", "2030"))).toEqual(["day", "month", "year"]);
    expect(datePartsInError("2030-04-01")).toEqual(["day", "month", "year"]);
    expect(datePartsInError(boxes("1", "", ""))).toEqual(["month", "year"]);
  });
});

describe("datePartsMessage", () => {
  it("words every problem as the NHS service manual does", () => {
    const say = (value: Record<string, string>) => {
      const read = readDateParts(value);
      if (!("problem" in read)) throw new Error("no problem");
      return datePartsMessage("Date of birth", read.problem);
    };
    expect(say(boxes("", "4", "2027"))).toBe("Date of birth must include a day");
    expect(say(boxes("1", "", "2027"))).toBe("Date of birth must include a month");
    expect(say(boxes("1", "4", ""))).toBe("Date of birth must include a year");
    expect(say(boxes("", "", "2027"))).toBe("Date of birth must include a day and month");
    expect(say(boxes("", "4", ""))).toBe("Date of birth must include a day and year");
    expect(say(boxes("1", "", ""))).toBe("Date of birth must include a month and year");
    expect(say(boxes("1", "4", "27"))).toBe("Year must include 4 numbers");
    expect(say(boxes("31", "2", "2027"))).toBe("Date of birth must be a real date");
    expect(say(boxes("1", "13", "2027"))).toBe("Date of birth must be a real date");
  });
});

describe("dayField with the boxes", () => {
  it("gives the ISO day for real boxes and for an ISO string alike", () => {
    expect(start.safeParse(boxes("1", "4", "2027")).data).toBe("2027-04-01");
    expect(start.safeParse("2027-04-01").data).toBe("2027-04-01");
  });

  it("gives one NHS message per problem, then the field's own checks on a whole date", () => {
    expect(first(start.safeParse(boxes("", "", "")))).toBe("Enter the start date");
    expect(first(start.safeParse(boxes("1", "4", "")))).toBe("Start date must include a year");
    expect(first(start.safeParse(boxes("", "", "2027")))).toBe("Start date must include a day and month");
    expect(first(start.safeParse(boxes("1", "4", "27")))).toBe("Year must include 4 numbers");
    expect(first(start.safeParse(boxes("31", "2", "2027")))).toBe("Start date must be a real date");
    expect(start.safeParse(boxes("31", "2", "2027")).error?.issues).toHaveLength(1);
    expect(first(start.safeParse(boxes("1", "4", "1890")))).toBe("Start date must be between 1 January 1990 and 31 December 2100");
    const past = dayField({
      what: "The completed date",
      required: "Enter it",
      notAfter: { day: "2026-11-26", message: "The completed date must be today or in the past" },
    });
    expect(first(past.safeParse(boxes("27", "11", "2026")))).toBe("The completed date must be today or in the past");
  });

  it("an optional date takes empty boxes as nothing, but not half a date", () => {
    const target = optionalDay("The target date");
    expect(target.safeParse(boxes("", "", "")).data).toBeUndefined();
    expect(target.safeParse(undefined).success).toBe(true);
    expect(first(target.safeParse(boxes("", "3", "2027")))).toBe("The target date must include a day");
    const optional = dayField({ what: "End date", required: "Enter the end date", optional: true });
    expect(optional.safeParse(boxes("", "", "")).success).toBe(true);
    expect(first(optional.safeParse(boxes("5", "", "")))).toBe("End date must include a month and year");
  });

  it("reads the boxes from form data as conform does (browser and server), keeping the message on the date", () => {
    const schema = z.object({ startDate: start, endDate: optionalDay("End date") }).strict();
    const form = (entries: [string, string][]) => {
      const fd = new FormData();
      for (const [k, v] of entries) fd.append(k, v);
      return parseWithZod(fd, { schema });
    };
    const ok = form([
      ["startDate.day", "01"],
      ["startDate.month", "04"],
      ["startDate.year", "2027"],
      ["endDate.day", ""],
      ["endDate.month", ""],
      ["endDate.year", ""],
    ]);
    expect(ok.status).toBe("success");
    expect(ok.status === "success" && ok.value).toEqual({ startDate: "2027-04-01" });
    const missing = form([
      ["startDate.day", "1"],
      ["startDate.month", "4"],
      ["startDate.year", ""],
    ]);
    expect(missing.status).toBe("error");
    expect(missing.reply().error).toEqual({ startDate: ["Start date must include a year"] });
    expect(form([["startDate", "2027-04-01"]]).status).toBe("success");
  });
});

describe("readDateQuery", () => {
  it("reads a GET filter's boxes, or an ISO value from a link", () => {
    expect(readDateQuery(new URLSearchParams("from.day=1&from.month=4&from.year=2027"), "from")).toEqual({
      iso: "2027-04-01",
      boxes: boxes("1", "4", "2027"),
    });
    expect(readDateQuery(new URLSearchParams("from=2027-04-01"), "from")).toEqual({ iso: "2027-04-01", boxes: boxes("1", "4", "2027") });
    expect(readDateQuery(new URLSearchParams("from.day=1&from.month=4&from.year="), "from").problem).toEqual({ kind: "missing", parts: ["year"] });
    expect(readDateQuery(new URLSearchParams("from.day=&from.month=&from.year="), "from")).toEqual({ boxes: boxes("", "", "") });
    expect(readDateQuery(new URLSearchParams(""), "from")).toEqual({ boxes: boxes("", "", "") });
  });
});
