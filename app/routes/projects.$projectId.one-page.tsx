import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { OnePage } from "~/components/present/one-page";
import { requireProjectRecord } from "~/auth/project-page.server";
import { today } from "~/today.server";
import { loadPresentation, type PresentationData } from "~/models/presentation.server";
import { DriverDiagramList, DriverDiagramSvg } from "~/components/driver-diagram";
import { Details } from "~/components/nhs";
import { diagramView } from "~/web/driver-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deck.project.title ?? "Project"} on a page – Stepping Up` }];

// The printable "project on a page": the deck's content (the team's hidden slides left out)
// on one A4 landscape sheet, through the browser's own print dialog.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { found: deck } = await requireProjectRecord(request, context, params.projectId, loadPresentation);
  return { deck, today: today() };
}

function PrintButton() {
  // window.print needs JavaScript; without it the instructions above are enough.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="nhsuk-button nhsuk-u-margin-bottom-3" onClick={() => window.print()}>
      Print this page
    </button>
  );
}

/** The whole driver diagram under the sheet, on screen only: the sheet itself keeps to one A4 page. */
function DiagramPanel({ deck }: { deck: PresentationData }) {
  const d = diagramView(deck.diagram);
  return (
    <section className="app-no-print app-one-page-drivers nhsuk-u-margin-top-5" aria-labelledby="one-page-drivers">
      <h2 id="one-page-drivers">The driver diagram</h2>
      <div className="app-driver-figure">
        <DriverDiagramSvg
          d={d}
          title={`Driver diagram of ${deck.project.title}. The same diagram follows as a list.`}
          titleId="one-page-driver-diagram-title"
        />
      </div>
      <Details summary="The driver diagram as a list">
        <DriverDiagramList d={d} cycleBase={`/projects/${deck.project.id}/pdsa`} />
      </Details>
      <p>
        <Link to={`/projects/${deck.project.id}/drivers`}>Open the driver diagram</Link>
      </p>
    </section>
  );
}

export default function OnePageRoute() {
  const { deck, today } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="app-no-print">
        <h2>Project on a page</h2>
        <p>
          Print this page, or save it as a PDF, from your browser's print command (Ctrl+P, or ⌘+P on a Mac). It is laid out for one sheet of A4 in landscape;
          long text is shortened to fit.
        </p>
        <PrintButton />
        <p>
          <Link to={`/projects/${deck.project.id}/present`}>Present this project instead</Link>
        </p>
      </div>
      <OnePage data={deck} today={today} />
      {deck.slides.some((s) => s.key === "drivers") && (deck.diagram.primaries.length || deck.diagram.ideas.length) ? <DiagramPanel deck={deck} /> : null}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
