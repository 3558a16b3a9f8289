// The project a page under /projects/:projectId is about: the loader guards first, then reads it here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, parseId } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { getProjectHeader } from "~/models/project.server";

/** The project named in the URL with its header (title, stage…); 404 when there is none. */
export function projectFromUrl(params: LoaderFunctionArgs["params"]) {
  const projectId = parseId(params.projectId, "project");
  const db = getDb();
  const header = getProjectHeader(db, projectId);
  if (!header) notFound("project");
  return { db, projectId, header };
}
