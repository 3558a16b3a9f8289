import { describe, expect, it } from "vitest";
import { lastPdsaActivity } from "~/domain/pdsa-rules";
import { checkCycleRows, parseImportDay, type ImportLookups } from "~/forms/project-import.server";

describe("dates in an imported spreadsheet", () => {
  it("reads DD/MM/YYYY, YYYY-MM-DD and Excel serial days; refuses what is not a real day", () => {
    expect(parseImportDay("31/03/2025")).toBe("2025-03-31");
    expect(parseImportDay("1/4/2025")).toBe("2025-04-01");
    expect(parseImportDay("2025-03-31")).toBe("2025-03-31");
    expect(parseImportDay("45900")).toBe("2025-08-31");
    for (const bad of ["31/02/2025", "2025-13-01", "03/31/2025", "March 2025", "12345", ""]) expect(parseImportDay(bad), bad).toBeNull();
  });
});

describe("an imported cycle's activity", () => {
  const cycle = { startDate: "2026-01-05", createdOn: "2026-11-20", updatedOn: "2026-11-20", changedSinceCreated: false };
  it("is its own start and end, not the day it was imported", () => {
    expect(lastPdsaActivity([{ ...cycle, imported: true, endDate: "2026-02-01" }], "2026-11-26")).toBe("2026-02-01");
    // A cycle typed in by hand counts its start (ADR 026): its end date alone is not activity.
    expect(lastPdsaActivity([{ ...cycle, endDate: "2026-02-01" }], "2026-11-26")).toBe("2026-01-05");
  });
});

describe("checking a PDSA cycles file", () => {
  const lookups: ImportLookups = { divisions: [], themes: [], waves: [], people: [], references: new Map([["qi-1", 7]]) };
  it("finds the project by its reference in any case and refuses a decision on a cycle not yet started", () => {
    const header = ["Reference", "Change idea", "Title", "Start date", "End date", "Decision", "Learning"];
    const ok = checkCycleRows([header, ["QI-1", "Prompt", "", "01/02/2026", "", "Adopt", ""]], lookups, "2026-11-26");
    expect(ok.problems).toEqual([]);
    expect(ok.rows).toMatchObject([{ projectId: 7, title: "Prompt", start: "2026-02-01", decision: "adopt" }]);
    const future = checkCycleRows([header, ["QI-1", "Prompt", "", "01/12/2026", "", "adopt", ""]], lookups, "2026-11-26");
    expect(future.problems).toEqual([{ line: 2, message: "A cycle that has not started yet cannot have a decision: leave it blank" }]);
  });
});
