import { describe, expect, it } from "vitest";
import { parseImportNumber } from "~/forms/measure-form";
import { checkImport, IMPORT_MAX_ROWS, parseImportDate, replaceFingerprint, type ImportSettings } from "~/forms/measure-import-check.server";

const weeklyCount: ImportSettings = {
  frequency: "weekly",
  unit: "count",
  ratePer: null,
  usesRatio: false,
  today: "2026-11-26",
};
const weeklyPercent: ImportSettings = { ...weeklyCount, unit: "percent" };
const weeklyRatio: ImportSettings = { ...weeklyCount, unit: "percent", usesRatio: true };
const monthlyRate: ImportSettings = {
  ...weeklyCount,
  frequency: "monthly",
  unit: "rate",
  ratePer: 1000,
  usesRatio: true,
};

type Check = ReturnType<typeof checkImport>;
const messageOn = (check: Check, line: number) => check.problems.find((p) => p.line === line)?.message ?? "";

describe("checkImport: input that is all correct", () => {
  it("reads a header and date,value rows with UK and ISO dates, blank lines and a trailing %", () => {
    const check = checkImport("Week,Compliance\n06/01/2025,42%\n2025-01-15,38\n\n20/1/2025, 45.5 \n", weeklyPercent);
    expect(check.formError).toBeNull();
    expect(check.problems).toEqual([]);
    expect(check.header).toBe("Week,Compliance");
    expect(check.rows.map((r) => [r.line, r.entered, r.periodDate, r.value])).toEqual([
      [2, "2025-01-06", "2025-01-06", 42],
      [3, "2025-01-15", "2025-01-13", 38],
      [5, "2025-01-20", "2025-01-20", 45.5],
    ]);
  });

  it("reads tab-separated cells pasted from a spreadsheet, and space-separated ones", () => {
    const tabs = checkImport("06/01/2025\t12\t\n13/01/2025\t14\t", weeklyCount);
    expect(tabs.problems).toEqual([]);
    expect(tabs.rows.map((r) => r.value)).toEqual([12, 14]);
    const spaces = checkImport("2025-01-06   12\n2025-01-13 14", weeklyCount);
    expect(spaces.problems).toEqual([]);
    expect(spaces.rows.map((r) => r.value)).toEqual([12, 14]);
  });

  it("reads quoted CSV cells and thousands separators", () => {
    const check = checkImport('"Date","Value"\n"06/01/2025","1,234"\n2025-01-13,"2,500.5"', weeklyCount);
    expect(check.problems).toEqual([]);
    expect(check.rows.map((r) => r.value)).toEqual([1234, 2500.5]);
  });

  it("works out a percentage from a numerator and denominator, and keeps both", () => {
    const check = checkImport("Date,Numerator,Denominator\n06/01/2025,29,35\n13/01/2025,0,12", weeklyRatio);
    expect(check.problems).toEqual([]);
    expect(check.rows[0]).toMatchObject({ value: 82.8571428571, numerator: 29, denominator: 35 });
    expect(check.rows[1]).toMatchObject({ value: 0, numerator: 0, denominator: 12 });
  });

  it("works out a rate per N, one row per month", () => {
    const check = checkImport("2025-01-31,7,2500\n2025-02-01,3,2000", monthlyRate);
    expect(check.problems).toEqual([]);
    expect(check.rows.map((r) => [r.periodDate, r.value])).toEqual([
      ["2025-01-01", 2.8],
      ["2025-02-01", 1.5],
    ]);
  });
});

describe("checkImport: each kind of bad row, by line number", () => {
  it("a bad number, a bad date, a duplicate period, a percentage outside 0–100 and a future date", () => {
    const text = [
      "Date,Value", // 1
      "06/01/2025,42", // 2
      "13/01/2025,abc", // 3
      "31/02/2025,40", // 4
      "", // 5
      "15/01/2025,41", // 6: same week as line 3
      "20/01/2025,104%", // 7
      "27/01/2025,-2", // 8
      "07/12/2026,50", // 9: after today
    ].join("\n");
    const check = checkImport(text, weeklyPercent);
    expect(check.problems.map((p) => p.line)).toEqual([3, 4, 6, 7, 8, 9]);
    expect(messageOn(check, 3)).toBe("'abc' is not a number");
    expect(messageOn(check, 4)).toBe("'31/02/2025' is not a date: use YYYY-MM-DD or DD/MM/YYYY");
    expect(messageOn(check, 6)).toBe("duplicate period: line 3 already has a value for week beginning 13 Jan 2025");
    expect(messageOn(check, 7)).toBe("a percentage must be between 0 and 100, but the value is 104%");
    expect(messageOn(check, 8)).toBe("a percentage must be between 0 and 100, but the value is -2");
    expect(messageOn(check, 9)).toBe("7 Dec 2026 is in the future");
    expect(check.rows.map((r) => r.line)).toEqual([2]);
  });

  it("a negative count", () => {
    const check = checkImport("2025-01-06,3\n2025-01-13,-1", weeklyCount);
    expect(check.problems).toEqual([{ line: 2, message: "a count cannot be negative, but the value is -1" }]);
  });

  it("a denominator of 0, a missing numerator and a numerator over the denominator", () => {
    const check = checkImport("06/01/2025,3,0\n13/01/2025,,10\n20/01/2025,11,10", weeklyRatio);
    expect(check.problems).toEqual([
      { line: 1, message: "the denominator is 0: there is nothing to divide by" },
      { line: 2, message: "there is no numerator" },
      { line: 3, message: "the numerator is larger than the denominator, which would be over 100%" },
    ]);
  });

  it("the wrong number of columns", () => {
    expect(checkImport("2025-01-06,3,4", weeklyCount).problems).toEqual([{ line: 1, message: "expected 2 columns (the date and the value) but found 3" }]);
    expect(checkImport("2025-01-06,3", weeklyRatio).problems).toEqual([
      { line: 1, message: "expected 3 columns (the date, the numerator and the denominator) but found 2" },
    ]);
  });

  it("several problems on one row are reported together", () => {
    const check = checkImport("2025-01-06,1\nsoon,lots", weeklyCount);
    expect(check.problems).toEqual([{ line: 2, message: "'soon' is not a date: use YYYY-MM-DD or DD/MM/YYYY; 'lots' is not a number" }]);
  });

  it("counts the lines of Windows line endings and of a quoted cell holding a line break", () => {
    const check = checkImport('2025-01-06,1\r\n"2025-01-13\n",2\r\n2025-01-20,x', weeklyCount);
    expect(check.problems).toEqual([{ line: 4, message: "'x' is not a number" }]);
  });

  it("an unclosed quotation mark", () => {
    const check = checkImport('2025-01-06,1\n2025-01-13,"2', weeklyCount);
    expect(check.problems[0].line).toBe(2);
    expect(check.problems[0].message).toMatch(/quotation mark/);
  });

  it("nothing pasted, or only a header", () => {
    expect(checkImport("", weeklyCount).formError).toBe("Paste at least one row: a date and a value");
    expect(checkImport("Date,Value\n\n", weeklyCount).formError).toBe("Paste at least one row: a date and a value");
  });
});

describe("checkImport: 10,000 rows", () => {
  function dailyRows(n: number, bad: Record<number, string> = {}) {
    const start = Date.UTC(1999, 0, 1);
    const lines = ["Date,Value"];
    for (let i = 0; i < n; i++) {
      const d = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(bad[i] ?? `${d},${(i % 17) + 0.5}`);
    }
    return lines.join("\n");
  }
  const daily: ImportSettings = { ...weeklyCount, frequency: "daily" };

  it("validates every row of a 10,000-row paste and keeps them in order", () => {
    const check = checkImport(dailyRows(IMPORT_MAX_ROWS), daily);
    expect(check.formError).toBeNull();
    expect(check.problems).toEqual([]);
    expect(check.rows).toHaveLength(10_000);
    expect(check.rows[0]).toMatchObject({ line: 2, periodDate: "1999-01-01", value: 0.5 });
    expect(check.rows[9999]).toMatchObject({ line: 10_001, periodDate: "2026-05-18", value: (9999 % 17) + 0.5 });
    expect(new Set(check.rows.map((r) => r.periodDate)).size).toBe(10_000);
  });

  it("finds the bad rows of a 10,000-row paste by their line numbers", () => {
    const check = checkImport(dailyRows(IMPORT_MAX_ROWS, { 4999: "2012-09-08,abc", 9998: "1999-01-01,5" }), daily);
    expect(check.problems).toEqual([
      { line: 5001, message: "'abc' is not a number" },
      { line: 10_000, message: "duplicate period: line 2 already has a value for 1 Jan 1999" },
    ]);
    expect(check.rows).toHaveLength(9998);
  });

  it("refuses more than 10,000 rows", () => {
    const check = checkImport(dailyRows(IMPORT_MAX_ROWS + 1), daily);
    expect(check.formError).toBe("Import no more than 10,000 rows at a time (this has 10,001)");
  });
});

describe("helpers", () => {
  it("parseImportNumber takes %, minus signs and UK thousands separators, nothing else", () => {
    expect(parseImportNumber("92.5%")).toBe(92.5);
    expect(parseImportNumber("\u22123")).toBe(-3);
    expect(parseImportNumber("12,345")).toBe(12345);
    expect(parseImportNumber("1,23")).toBeNull();
    expect(parseImportNumber("12 apples")).toBeNull();
  });

  it("parseImportDate reads ISO and UK dates and refuses dates that do not exist", () => {
    expect(parseImportDate("2026-11-26")).toBe("2026-11-26");
    expect(parseImportDate(" 6/1/2026 ")).toBe("2026-01-06");
    expect(parseImportDate("29/02/2024")).toBe("2024-02-29");
    expect(parseImportDate("29/02/2100")).toBeNull();
    expect(parseImportDate("29/02/2000")).toBe("2000-02-29");
    expect(parseImportDate("2025-02-29")).toBeNull();
    expect(parseImportDate("31/04/2025")).toBeNull();
    expect(parseImportDate("2025-13-01")).toBeNull();
    expect(parseImportDate("01/13/2025")).toBeNull();
    expect(parseImportDate("2025/01/06")).toBeNull();
    expect(parseImportDate("Jan 2025")).toBeNull();
  });

  it("replaceFingerprint depends on the set of periods, not their order", () => {
    const a = replaceFingerprint(["2025-01-06", "2025-01-13"]);
    expect(replaceFingerprint(["2025-01-13", "2025-01-06"])).toBe(a);
    expect(replaceFingerprint(["2025-01-06", "2025-01-20"])).not.toBe(a);
    expect(a.startsWith("2-")).toBe(true);
    expect(replaceFingerprint([])).toMatch(/^0-/);
  });
});

describe("checkImport: the plausible range", () => {
  it("refuses dates outside 1990–2100, including years below 100, and values beyond ±1e12", () => {
    const check = checkImport("01/06/0050,3\n1989-12-31,4\n2026-01-05,1e13\n2026-01-12,5", weeklyCount);
    expect(messageOn(check, 1)).toBe("1 Jun 0050 is not between 1 January 1990 and 31 December 2100");
    expect(messageOn(check, 2)).toBe("31 Dec 1989 is not between 1 January 1990 and 31 December 2100");
    expect(messageOn(check, 3)).toMatch(/^the number is too large/);
    expect(check.rows.map((r) => r.line)).toEqual([4]);
  });
});

describe("checkImport: the month formats a spreadsheet writes, for a monthly measure", () => {
  const monthlyCount: ImportSettings = { ...weeklyCount, frequency: "monthly" };

  it("reads Dec-24, Dec 2024, December 2024, 2024-12 and 12/2024 as the month", () => {
    const text = ["Month\tFalls", "Aug-24\t5", "Sep 2024\t6", "October 2024\t7", "2024-11\t8", "12/2024\t9", "Sept-25\t4"].join("\n");
    const check = checkImport(text, monthlyCount);
    expect(check.problems).toEqual([]);
    expect(check.rows.map((r) => [r.periodDate, r.value])).toEqual([
      ["2024-08-01", 5],
      ["2024-09-01", 6],
      ["2024-10-01", 7],
      ["2024-11-01", 8],
      ["2024-12-01", 9],
      ["2025-09-01", 4],
    ]);
  });

  it("keeps a month typed with spaces together when the cells are separated by spaces", () => {
    const check = checkImport("Dec 2024 12\nJanuary 25 14", monthlyCount);
    expect(check.problems).toEqual([]);
    expect(check.rows.map((r) => [r.periodDate, r.value])).toEqual([
      ["2024-12-01", 12],
      ["2025-01-01", 14],
    ]);
  });

  it("a month and a day in the same month are the same period", () => {
    const check = checkImport("Dec-24,3\n15/12/2024,4", monthlyCount);
    expect(check.problems).toEqual([{ line: 2, message: "duplicate period: line 1 already has a value for December 2024" }]);
  });

  it("refuses months that do not exist, and a month for a weekly measure, with a clear reason", () => {
    const check = checkImport("Dex-24,3\n13/2024,4", monthlyCount);
    expect(check.problems).toEqual([
      { line: 1, message: "'Dex-24' is not a date: use YYYY-MM-DD or DD/MM/YYYY, or a month such as Dec-24 or December 2024" },
      { line: 2, message: "'13/2024' is not a date: use YYYY-MM-DD or DD/MM/YYYY, or a month such as Dec-24 or December 2024" },
    ]);
    expect(checkImport("Dec-24,3", weeklyCount).problems).toEqual([
      { line: 1, message: "'Dec-24' is a month, but this measure is weekly: give the date of each week" },
    ]);
  });
});
