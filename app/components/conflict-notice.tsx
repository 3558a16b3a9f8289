import type { Conflict } from "~/lib/conflict";

/** The 409 panel: both versions side by side, so the second person decides knowingly. */
export function ConflictNotice({ conflict }: { conflict: Conflict | null | undefined }) {
  if (!conflict) return null;
  return (
    <div className="nhsuk-error-summary" role="alert" aria-labelledby="conflict-title" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title" id="conflict-title">
        Someone else changed this
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>{conflict.message}</p>
        {conflict.fields.length ? (
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Their saved version and yours</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Saved by them</th>
                <th scope="col">Yours (not saved yet)</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {conflict.fields.map((f) => (
                <tr key={f.name}>
                  <th scope="row">{f.label}</th>
                  <td className="app-pre-line">{f.theirs}</td>
                  <td className="app-pre-line">{f.yours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Their changes and yours touch different fields.</p>
        )}
      </div>
    </div>
  );
}
