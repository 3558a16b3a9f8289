// Guards run on the first line of every loader and action. They throw responses:
// a redirect to sign in, 403 for a refused permission (audited), 404 for a missing record.
import { redirect, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getSessionUser, redirectToLogin } from "~/auth/session.server";
import { secondFactorRequired } from "~/auth/policy.server";
import { recordRefusal } from "~/models/session-commands.server";
import type { SessionUser } from "~/models/session.server";
import { getMeasure } from "~/models/measure.server";
import { isOnProjectTeam, projectExists } from "~/models/team.server";
import { canEditProject, type Actor } from "~/domain/permissions";
import { whoCanEditSentence } from "~/domain/project-editors";
import { listProjectEditors } from "~/models/project-editors.server";

export type { SessionUser };

const PASSWORD_PAGE = "/account/password";
export const TWO_FACTOR_PAGE = "/account/two-factor";

export async function getOptionalUser(request: Request, context: AppLoadContext) {
  return getSessionUser(getDb(), request, context);
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getSessionUser(getDb(), request, context);
  if (!user) redirectToLogin(request);
  const url = new URL(request.url);
  if (user.mustChangePassword && url.pathname !== PASSWORD_PAGE && url.pathname !== "/logout") {
    throw redirect(`${PASSWORD_PAGE}?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  // A role that needs a second factor sets one up before anything else (single sign-on brings the provider's own).
  if (mustSetUpSecondFactor(user) && ![PASSWORD_PAGE, TWO_FACTOR_PAGE, "/logout"].includes(url.pathname)) {
    throw redirect(`${TWO_FACTOR_PAGE}?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

export const mustSetUpSecondFactor = (user: SessionUser) => user.signedInWith !== "oidc" && !user.twoFactorOn && secondFactorRequired(user.role);

export function forbidden(user: SessionUser, context: AppLoadContext, what: string, projectId?: number | null, next?: string): never {
  recordRefusal(getDb(), { id: user.id, email: user.email, ip: context.clientIp }, { what, projectId });
  throw new Response(`You do not have permission to ${what}.${next ? ` ${next}` : ""}`, { status: 403 });
}

export function notFound(what = "page"): never {
  throw new Response(`We could not find that ${what}.`, { status: 404 });
}

export function badRequest(message: string): never {
  throw new Response(message, { status: 400 });
}

/** Signed in and allowed by a permission from app/domain/permissions. */
export async function requirePermission(request: Request, context: AppLoadContext, allowed: (actor: Actor) => boolean, what: string): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!allowed(user)) forbidden(user, context, what);
  return user;
}

/** Route params are strings; an id that is not a positive integer cannot exist. */
export function parseId(value: string | undefined, what = "page"): number {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) notFound(what);
  return Number(value);
}

/** 404 for a project that does not exist; 403 for one whose team the user is not on. */
export async function requireProjectEditor(
  request: Request,
  context: AppLoadContext,
  projectIdParam: string | undefined,
): Promise<{ user: SessionUser; projectId: number }> {
  const user = await requireUser(request, context);
  const projectId = parseId(projectIdParam, "project");
  const db = getDb();
  if (!projectExists(db, projectId)) notFound("project");
  if (!canEditProject(user, isOnProjectTeam(db, projectId, user.id))) {
    forbidden(user, context, "edit this project", projectId, whoCanEditSentence(listProjectEditors(db, projectId)));
  }
  return { user, projectId };
}

/**
 * The guard of every page that changes a measure or its data: the project's editors only
 * (403), and a measure of another project, or a deleted one, is a 404.
 */
export async function requireMeasureEditor(request: Request, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const measureId = parseId(params.measureId, "measure");
  const db = getDb();
  const measure = getMeasure(db, projectId, measureId);
  if (!measure) notFound("measure");
  return { user, db, measure, projectId, base: `/projects/${projectId}/measures/${measureId}` };
}
