import { describe, expect, it } from "vitest";
import { fieldsWithPatientIdentifiers, findPatientIdentifiers, isValidNhsNumber } from "~/domain/pii";

const TODAY = "2026-12-06";
const kinds = (text: string) => findPatientIdentifiers(text, TODAY).map((f) => f.kind);

describe("NHS numbers", () => {
  // 943 476 5919 is the NHS Data Dictionary's example of a valid number.
  it("checks the Modulus 11 digit", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
  });
  it.each([
    ["plain", "Patient 9434765919 fell twice"],
    ["spaces", "NHS no 943 476 5919"],
    ["no-break spaces", "NHS no 943\u00a0476\u00a05919"],
    ["hyphens", "ref 943-476-5919"],
    ["dashes", "ref 943\u2013476\u20145919"],
    ["dots", "ref 943.476.5919"],
    ["slashes", "ref 943/476/5919"],
    ["odd grouping", "ref 94 347 65 919"],
    ["full-width digits", "ref \uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19"],
    ["inside a longer run", "seen 12 943 476 5919 today"],
  ])("finds one written with %s", (_name, text) => {
    expect(kinds(text)).toContain("nhs_number");
  });
  it("ignores numbers that fail the check or are not ten digits", () => {
    expect(kinds("Ring 01268 524900 for the ward")).toEqual([]);
    expect(kinds("ref 943 476 5918")).toEqual([]);
    expect(kinds("Saved £84,000 over 12 months")).toEqual([]);
  });
});

describe("dates of birth", () => {
  it.each([
    ["DD/MM/YYYY after a name", "Jane Smith 03/04/1950 fell on the ward"],
    ["D/M/YY after a name", "Jane Smith 3/4/50 fell on the ward"],
    ["YYYY-MM-DD after a name", "Jane Smith 1950-04-03"],
    ["day month year after a name", "Jane Smith 3 April 1950"],
    ["ordinal and short month", "Jane Smith, 3rd Apr 1950"],
    ["month first", "Jane Smith April 3, 1950"],
    ["surname first with a comma", "Smith, Jane 03/04/1950"],
    ["lower case", "jane smith 03/04/1950"],
    ["in brackets", "Jane Smith (03/04/1950)"],
    ["date before the name", "03/04/1950 Jane Smith"],
    ["with a title", "Mrs Smith 03.04.1950"],
    ["after DOB", "DOB: 03/04/1950"],
    ["after D.O.B.", "D.O.B. 3/4/50"],
    ["after date of birth", "date of birth 1950-04-03"],
    ["after born", "born 3 April 1950"],
    ["full-width digits", "Jane Smith \uff10\uff13/\uff10\uff14/\uff11\uff19\uff15\uff10"],
  ])("finds one written as %s", (_name, text) => {
    expect(kinds(text)).toContain("date_of_birth");
  });

  it("never reads a date in the future as a date of birth", () => {
    expect(kinds("PGD approval at Medicines Committee 14/01/2027")).toEqual([]);
    expect(kinds("Jane Smith 07/12/2026")).toEqual([]);
    expect(kinds("DOB 2027-01-01")).toEqual([]);
  });
  it("never reads a date more than 120 years ago as a date of birth", () => {
    expect(kinds("Jane Smith 05/12/1906")).toEqual([]);
    expect(kinds("Jane Smith 07/12/1906")).toContain("date_of_birth");
  });
  it("reads a two-digit year as the latest year not after today", () => {
    expect(kinds("DOB 1/1/26")).toContain("date_of_birth"); // 2026, past
    expect(kinds("DOB 31/12/26")).toContain("date_of_birth"); // 1926: 2026 would be in the future
  });
  it("ignores dates beside ordinary words and impossible dates", () => {
    expect(kinds("Board meeting 12/10/2026 agreed the plan")).toEqual([]);
    expect(kinds("Audit done 03/04/2025 on ward 5")).toEqual([]);
    expect(kinds("Jane Smith 31/02/1950")).toEqual([]);
    expect(kinds("Jane Smith joined the team")).toEqual([]);
  });
});

describe("fields", () => {
  it("names the fields that hold patient data", () => {
    const flagged = fieldsWithPatientIdentifiers({ title: "Falls audit", notes: "Jane Smith 03/04/1950", n: 3 }, TODAY);
    expect(Object.keys(flagged)).toEqual(["notes"]);
  });
});

describe("dates that are events, not births", () => {
  it("ignores a date after a preposition and lower-case prose after a date", () => {
    expect(kinds("The latest point 87% on 2 Nov 2026 shows special cause improvement.")).toEqual([]);
    expect(kinds("Completed on 03/04/2025 rolled out to wards")).toEqual([]);
    expect(kinds("Audits since 1/4/2024 monthly")).toEqual([]);
  });
  it("still finds a name written after the date in capitals, or with a title", () => {
    expect(kinds("03/04/1950 Jane Smith")).toContain("date_of_birth");
    expect(kinds("03/04/1950 mrs smith")).toContain("date_of_birth");
  });
});
