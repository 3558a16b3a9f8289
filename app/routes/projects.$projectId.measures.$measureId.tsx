import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { canEditProject } from "~/domain/permissions";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { getMeasure } from "~/models/measure.server";
import { isOnProjectTeam } from "~/models/team.server";

// The frame of every page of one measure (the chart, data entry, import, settings): it
// loads the definition once, and a measure of another project is a 404 for all of them.
// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const projectId = parseId(params.projectId, "project");
  const measureId = parseId(params.measureId, "measure");
  const db = getDb();
  const measure = getMeasure(db, projectId, measureId);
  if (!measure) notFound("measure");
  return {
    measure: { ...measure, updatedAt: measure.updatedAt.toISOString() },
    canEdit: canEditProject(user, isOnProjectTeam(db, projectId, user.id)),
  };
}

export type MeasureLayoutData = Awaited<ReturnType<typeof loader>>;

export function useMeasureLayout(): MeasureLayoutData {
  const data = useRouteLoaderData<typeof loader>("routes/projects.$projectId.measures.$measureId");
  if (!data) throw new Error("useMeasureLayout is used outside a measure page");
  return data;
}

export default function MeasureFrame() {
  return <Outlet />;
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
