import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PdsaTimelineByDriver, UnlinkedIdeasPrompt } from "~/components/pdsa-by-driver";
import { SuccessBanner } from "~/components/success-banner";
import { getDb } from "~/db.server";
import { PDSA_STATUSES } from "~/domain/enums";
import { PDSA_STATUS_LABELS } from "~/domain/labels";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { listTimelineCycles } from "~/models/pdsa.server";
import { listDriverLinks, listDrivers, listIdeaLinks } from "~/models/driver.server";
import { groupRampsByDriver } from "~/domain/driver-groups";
import { groupByChangeIdea } from "~/domain/pdsa-rules";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { projectExists } from "~/models/team.server";

export const meta: MetaFunction = () => [{ title: "PDSA cycles – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  if (!projectExists(db, projectId)) notFound("project");
  const deleted = new URL(request.url).searchParams.get("deleted");
  const driverRows = listDrivers(db, projectId).map((d) => ({ id: d.id, title: d.title, level: d.level }));
  const drivers = {
    primaries: driverRows.filter((d) => d.level === "primary"),
    secondaries: driverRows.filter((d) => d.level === "secondary"),
    driverLinks: listDriverLinks(db, projectId),
    ideaLinks: listIdeaLinks(db, projectId),
  };
  return {
    projectId,
    cycles: listTimelineCycles(db, projectId),
    drivers,
    deleted: deleted && /^\d{1,9}$/.test(deleted) ? Number(deleted) : null,
  };
}

export default function PdsaCycles() {
  const { projectId, cycles, deleted, drivers } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const ideas = new Set(cycles.map((c) => c.changeIdeaId)).size;
  const unlinked = groupRampsByDriver({ ...drivers, ramps: groupByChangeIdea(cycles) }).unlinked.length;
  const counts = PDSA_STATUSES.map((s) => ({ status: s, n: cycles.filter((c) => c.status === s).length })).filter((x) => x.n);
  return (
    <>
      {deleted ? <SuccessBanner message={`Cycle ${deleted} is deleted`} titleId="deleted-title" /> : null}
      <h2>PDSA cycles</h2>
      <p>
        Each Plan-Do-Study-Act cycle tests one change on a small scale. Cycles that test the same change idea build on each other, so each idea below reads as a
        story: what was tried, what was learned, and whether the change was adopted, adapted or abandoned.
      </p>
      {permissions.edit ? (
        <Link className="nhsuk-button" to={`/projects/${projectId}/pdsa/new`}>
          Plan a new PDSA cycle
        </Link>
      ) : null}
      {cycles.length === 0 ? (
        <p className="app-muted">
          {permissions.edit
            ? "No PDSA cycles yet. Plan the first cycle to test one of the project's change ideas on a small scale."
            : "No PDSA cycles yet. The project team records them here as they test their change ideas."}
        </p>
      ) : (
        <>
          <p>
            {cycles.length} {cycles.length === 1 ? "cycle" : "cycles"} testing {ideas} {ideas === 1 ? "change idea" : "change ideas"}
            {": "}
            {counts.map((x) => `${x.n} ${PDSA_STATUS_LABELS[x.status].toLowerCase()}`).join(", ")}.
          </p>
          <UnlinkedIdeasPrompt projectId={projectId} count={unlinked} canEdit={permissions.edit} />
          <h2 className="nhsuk-heading-m">Timeline by driver</h2>
          <PdsaTimelineByDriver projectId={projectId} cycles={cycles} drivers={drivers} />
        </>
      )}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
