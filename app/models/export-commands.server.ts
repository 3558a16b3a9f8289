// Recording an export in the audit trail: a copy of the trust's data leaving the service.
import type { Db } from "~/db.server";
import { ok, record, runCommand, type Actor } from "~/models/command.server";

export function recordExport(db: Db, actor: Actor, input: { kind: "csv" | "sqlite"; file: string; rows: number }) {
  return runCommand(db, (tx) => {
    record(tx, actor, {
      action: "data.exported",
      entityType: "export",
      summary:
        input.kind === "csv"
          ? `Exported the data: every table as CSV (${input.rows} rows) in ${input.file}`
          : `Exported the data: a checked SQLite copy of the database, ${input.file}`,
      details: input,
    });
    return ok(null);
  });
}
