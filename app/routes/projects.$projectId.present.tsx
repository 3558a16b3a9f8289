import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useOutlet } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { Deck } from "~/components/present/deck";
import { buildSlides } from "~/components/present/slides";
import { requireProjectRecord } from "~/auth/project-page.server";
import { today } from "~/today.server";
import { loadPresentation } from "~/models/presentation.server";
import { useProjectLayout } from "~/routes/projects.$projectId";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Present: ${data?.deck.project.title ?? "Project"} – Stepping Up` }];

// Everyone signed in may view the deck; the settings page (a child route) is for the team.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { found: deck } = await requireProjectRecord(request, context, params.projectId, loadPresentation);
  return { deck, today: today() };
}

export default function PresentPage() {
  const outlet = useOutlet();
  if (outlet) return outlet;
  return <Presentation />;
}

function Presentation() {
  const { deck, today } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const navigate = useNavigate();
  const slides = useMemo(() => buildSlides(deck, today), [deck, today]);
  const projectPage = `/projects/${deck.project.id}`;
  const leave = useCallback(() => navigate(projectPage), [navigate, projectPage]);
  return (
    <>
      <Deck
        slides={slides}
        title={deck.project.title}
        leaveTo={projectPage}
        onLeave={leave}
        extraLinks={
          <ul className="nhsuk-list app-deck__links">
            {permissions.edit ? (
              <li>
                <Link to="settings">Choose the slides and the order of measures</Link>
              </li>
            ) : null}
            <li>
              <Link to={`/projects/${deck.project.id}/one-page`}>Print project on a page</Link>
            </li>
          </ul>
        }
      />
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
