import { ErrorSummaryBox, Table } from "~/components/nhs";
import type { Conflict } from "~/domain/conflict";

/** The 409 panel: both versions side by side, so the second person decides knowingly. */
export function ConflictNotice({ conflict }: { conflict: Conflict | null | undefined }) {
  if (!conflict) return null;
  return (
    <ErrorSummaryBox heading="Someone else changed this" headingId="conflict-title">
      <p>{conflict.message}</p>
      {conflict.fields.length ? (
        <Table
          caption="Their saved version and yours"
          captionHidden
          rows={conflict.fields}
          rowKey={(f) => f.name}
          columns={[
            { id: "field", header: "Field", rowHeader: true, cell: (f) => f.label },
            { id: "theirs", header: "Saved by them", cellClassName: "app-pre-line", cell: (f) => f.theirs },
            { id: "yours", header: "Yours (not saved yet)", cellClassName: "app-pre-line", cell: (f) => f.yours },
          ]}
        />
      ) : (
        <p>Their changes and yours touch different fields.</p>
      )}
    </ErrorSummaryBox>
  );
}
