// The first step of a project page whose guard depends on what it loads: the signed-in user, the
// project's id from the URL and the record the page is about (404 when there is none).
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { getDb, type Db } from "~/db.server";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { getProjectHeader } from "~/models/project.server";
import { isOnProjectTeam } from "~/models/team.server";

export async function requireProjectRecord<T>(
  request: Request,
  context: AppLoadContext,
  param: string | undefined,
  load: (db: Db, projectId: number) => T | null | undefined,
) {
  const user = await requireUser(request, context);
  const projectId = parseId(param, "project");
  const db = getDb();
  const found = load(db, projectId);
  if (!found) notFound("project");
  /** Whether the user is on the project's team now (asked only when a permission needs it). */
  const onTeam = () => isOnProjectTeam(db, projectId, user.id);
  return { user, projectId, db, found, onTeam };
}

/** The project named in the URL with its header (title, stage…), after the page's own guard; 404 when there is none. */
export function projectFromUrl(params: LoaderFunctionArgs["params"]) {
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const header = getProjectHeader(db, projectId);
  if (!header) notFound("project");
  return { db, projectId, header };
}
