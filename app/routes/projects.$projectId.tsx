import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/layout";
import { StageTag } from "~/components/tags";
import { progressLabel } from "~/domain/labels";
import { canEditProject, canGovern, canManageTeam } from "~/domain/permissions";
import { requireUser } from "~/auth/guards.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { isOnProjectTeam, isProjectLead } from "~/models/team.server";

// The frame of every project page: title, stage, and the workbook's sections.
// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  const onTeam = isOnProjectTeam(db, projectId, user.id);
  return {
    project: header,
    permissions: {
      edit: canEditProject(user, onTeam),
      govern: canGovern(user),
      manageTeam: canManageTeam(user, isProjectLead(db, projectId, user.id)),
      onTeam,
    },
  };
}

export type ProjectLayoutData = Awaited<ReturnType<typeof loader>>;

export function useProjectLayout(): ProjectLayoutData {
  const data = useRouteLoaderData<typeof loader>("routes/projects.$projectId");
  if (!data) throw new Error("useProjectLayout is used outside a project page");
  return data;
}

const SECTIONS = [
  { to: ".", label: "Overview", end: true },
  { to: "drivers", label: "Driver diagram" },
  { to: "pdsa", label: "PDSA cycles" },
  { to: "milestones", label: "Milestones" },
  { to: "status", label: "Status reports" },
  { to: "measures", label: "Measures" },
  { to: "asks", label: "Asks" },
  { to: "wins", label: "Wins" },
  { to: "wave", label: "Mission and stories", inWave: true },
  { to: "progress", label: "Progress score" },
];

export default function ProjectLayout() {
  const { project } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/projects", label: "Projects" }]} />
      <span className="nhsuk-caption-l">
        {project.theme ?? "No strategic theme"}
        {project.waveNumber ? ` · Wave ${project.waveNumber}` : ""}
        {project.reference ? ` · Reference ${project.reference}` : ""}
      </span>
      <h1 className="nhsuk-u-margin-bottom-2">{project.title}</h1>
      <p>
        <StageTag stage={project.stage} />
        <span className="nhsuk-u-margin-left-2">{progressLabel(project.progressScore)}</span>
      </p>
      <nav className="app-subnav" aria-label="Project workbook">
        <ul className="app-subnav__list">
          {SECTIONS.filter((s) => !("inWave" in s) || project.waveNumber).map((s) => (
            <li key={s.to} className="app-subnav__item">
              <NavLink to={s.to} end={s.end} relative="route" className="app-subnav__link">
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
