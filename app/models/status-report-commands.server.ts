// Writing a status report, with the asks raised in it, as one record of what the board saw.
import type { Db } from "~/db.server";
import type { AskAddressee } from "~/domain/enums";
import { formatDay } from "~/domain/calendar";
import { insertAsk } from "~/models/ask.server";
import { ok, record, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { createOnce } from "~/models/form-token.server";
import { getStatusReport, insertStatusReport, type StatusReportValues } from "~/models/status-report.server";

export type WriteStatusReport = StatusReportValues & {
  /** The report this one corrects, if any (reports are never edited: a correction is a new one). */
  corrects?: number;
  asks: { what: string; addressee: AskAddressee; addresseeUserId: number | null; dueOn: string | null }[];
  formToken?: string;
  locate: (reportId: number) => string;
};

export function writeStatusReport(db: Db, actor: Actor, input: WriteStatusReport): CommandResult<{ location: string }> {
  const { projectId, corrects, asks, formToken, locate, ...report } = input;
  return runCommand(db, (tx) => {
    const corrected = corrects ? getStatusReport(tx, projectId, corrects) : undefined;
    const { location } = createOnce(tx, { userId: actor.id, kind: "status_report", token: formToken }, () => {
      const id = insertStatusReport(tx, { projectId, ...report, userId: actor.id });
      const rag = report.rag[0].toUpperCase() + report.rag.slice(1);
      const withAsks = asks.length ? ` with ${asks.length} ${asks.length === 1 ? "ask" : "asks"}` : "";
      record(tx, actor, {
        action: "status_report.created",
        entityType: "status_report",
        entityId: id,
        projectId,
        summary: corrected
          ? `Wrote a correction (${rag}) to the status report for ${formatDay(corrected.reportDate)}`
          : `Wrote the status report for ${formatDay(report.reportDate)} (${rag})${withAsks}`,
      });
      for (const ask of asks) {
        const askId = insertAsk(tx, { projectId, statusReportId: id, ...ask, userId: actor.id });
        record(tx, actor, {
          action: "ask.created",
          entityType: "ask",
          entityId: askId,
          projectId,
          summary: `Raised an ask in the status report for ${formatDay(report.reportDate)}: "${ask.what}"`,
        });
      }
      return locate(id);
    });
    return ok({ location });
  });
}
