// "You said, we did": the actions closed against the themes staff raised, for every member of staff
// to read and to print as an A4 poster.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getDb } from "~/db.server";
import { requireUser } from "~/auth/guards.server";
import { formatDay } from "~/web/dates";
import { listYouSaidWeDid } from "~/models/conversation.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "You said, we did – Big Conversations – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  return { trustName: programme.trustName, priorities: listYouSaidWeDid(db, programme.id) };
}

function PrintButton() {
  // window.print needs JavaScript; without it the browser's own Print works as well.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => window.print()}>
      Print this poster
    </button>
  );
}

export default function YouSaidWeDid() {
  const { trustName, priorities } = useLoaderData<typeof loader>();
  return (
    <div className="app-poster">
      <p className="app-no-print">
        <Link to="/conversations">Back to Big Conversations</Link>
      </p>
      <h1 className="app-poster__title">You said, we did</h1>
      <p className="nhsuk-lede-text">What staff at {trustName} told us at our Big Conversations, and what we have done about it.</p>
      {priorities.length === 0 ? (
        <p className="app-muted">Nothing to report yet. When an action answering a theme staff raised is done, it appears here.</p>
      ) : (
        <>
          {priorities.map((p) => (
            <section key={p.id} className="app-poster__item" aria-labelledby={`yswd-${p.id}`}>
              <h2 id={`yswd-${p.id}`}>{p.title}</h2>
              <div className="nhsuk-grid-row">
                <div className="nhsuk-grid-column-one-half">
                  <h3>You said</h3>
                  {p.themes.length ? (
                    <ul>
                      {p.themes.map((t) => (
                        <li key={t.id}>{t.text}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="app-muted">Raised by the board</p>
                  )}
                </div>
                <div className="nhsuk-grid-column-one-half">
                  <h3>We did</h3>
                  <ul>
                    {p.done.map((d, i) => (
                      <li key={i}>
                        <span className="app-pre-line">{d.text}</span> <span className="nhsuk-body-s app-muted">(done {formatDay(d.completedOn)})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </section>
          ))}
          <p className="app-no-print">
            <PrintButton />
          </p>
        </>
      )}
    </div>
  );
}
