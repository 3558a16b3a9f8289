// GET /learning/similar?title=…&problem=…: up to five projects like a proposal, for the proposal form's
// fetcher as the person types (the form's "Check for similar projects" button does the same without JavaScript).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { similarProjects, type SimilarProject } from "~/models/learning.server";
import { getProgramme } from "~/models/programme.server";

export type SimilarResponse = { projects: SimilarProject[] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const params = new URL(request.url).searchParams;
  const db = getDb();
  const projects = similarProjects(db, getProgramme(db).id, {
    title: (params.get("title") ?? "").slice(0, 300),
    problem: (params.get("problem") ?? "").slice(0, 4000),
  });
  return Response.json({ projects } satisfies SimilarResponse, { headers: { "Cache-Control": "no-store" } });
}
