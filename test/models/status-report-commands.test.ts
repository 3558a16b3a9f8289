// A status report and its asks are written together, audited once each, and once per form token.
import { describe, expect, it } from "vitest";
import { writeStatusReport } from "~/models/status-report-commands.server";
import { workbook } from "./workbook-fixture";

describe("writeStatusReport", () => {
  it("writes the report, its asks and an audit row for each, once per form token", () => {
    const w = workbook();
    const projectId = w.one<{ id: number }>("select id from projects where stage = 'active' order by id").id;
    const before = [w.count("status_reports"), w.count("asks")];
    const input = {
      projectId,
      reportDate: "2026-03-10",
      rag: "amber" as const,
      ragReason: "Staffing",
      progress: "Two wards live",
      nextSteps: "Third ward",
      risks: "",
      asks: [{ what: "Agency cover", addressee: "board" as const, addresseeUserId: null, dueOn: null }],
      formToken: "token-status-report-01",
      locate: (id: number) => `/status/${id}`,
    };
    const first = writeStatusReport(w.db, w.actor, input);
    const again = writeStatusReport(w.db, w.actor, input);
    expect(first).toEqual(again);
    expect([w.count("status_reports"), w.count("asks")]).toEqual([before[0] + 1, before[1] + 1]);
    expect(w.audits("status_report.created").at(-1)!.summary).toMatch(/^Wrote the status report for .* \(Amber\) with 1 ask$/);
    expect(w.audits("ask.created").at(-1)!.summary).toMatch(/: "Agency cover"$/);
  });

  it("writes nothing when a later step fails", () => {
    const w = workbook();
    const before = [w.count("status_reports"), w.count("audit_events")];
    const input = {
      projectId: 999_999, // no such project: the foreign key refuses the report
      reportDate: "2026-03-10",
      rag: "green" as const,
      ragReason: "",
      progress: "p",
      nextSteps: "n",
      risks: "",
      asks: [],
      locate: String,
    };
    expect(() => writeStatusReport(w.db, w.actor, input)).toThrow();
    expect([w.count("status_reports"), w.count("audit_events")]).toEqual(before);
  });
});
