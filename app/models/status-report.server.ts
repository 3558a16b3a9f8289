// Highlight reports are append-only: there is an insert and reads, never an update or delete.
import { and, desc, eq, sql } from "drizzle-orm";
import { statusReports, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { Rag } from "~/domain/enums";
import { nowMs } from "~/clock.server";

const reportColumns = {
  id: statusReports.id,
  reportDate: statusReports.reportDate,
  rag: statusReports.rag,
  ragReason: statusReports.ragReason,
  progress: statusReports.progress,
  nextSteps: statusReports.nextSteps,
  risks: statusReports.risks,
  createdAt: statusReports.createdAt,
  authorName: users.name,
};

/** Newest first: by reporting date, then the later of two reports for one date (a correction). */
export function listStatusReports(db: Db, projectId: number) {
  return db
    .select({
      ...reportColumns,
      asks: sql<number>`(select count(*) from asks a where a.status_report_id = ${statusReports.id})`,
    })
    .from(statusReports)
    .leftJoin(users, eq(users.id, statusReports.createdBy))
    .where(eq(statusReports.projectId, projectId))
    .orderBy(desc(statusReports.reportDate), desc(statusReports.id))
    .all();
}

export function getStatusReport(db: Db, projectId: number, reportId: number) {
  return db
    .select(reportColumns)
    .from(statusReports)
    .leftJoin(users, eq(users.id, statusReports.createdBy))
    .where(and(eq(statusReports.id, reportId), eq(statusReports.projectId, projectId)))
    .get();
}

export type StatusReportRow = NonNullable<ReturnType<typeof getStatusReport>>;

/** What a status report says; it is never changed once written. */
export type StatusReportValues = {
  projectId: number;
  reportDate: string;
  rag: Rag;
  ragReason: string;
  progress: string;
  nextSteps: string;
  risks: string;
};

export function insertStatusReport(db: Db, values: StatusReportValues & { userId: number }): number {
  const { userId, ...report } = values;
  return db
    .insert(statusReports)
    .values({ ...report, createdBy: userId, createdAt: new Date(nowMs()) })
    .returning({ id: statusReports.id })
    .get().id;
}
