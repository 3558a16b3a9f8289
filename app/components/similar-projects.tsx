// Projects like the one being proposed, open and closed, so a duplicate is spotted before work starts.
import { Link } from "@remix-run/react";
import { StageTag } from "~/components/tags";
import type { Stage } from "~/domain/enums";

export type SimilarProjectItem = { id: number; title: string; stage: Stage; closureAimAchieved: boolean | null; closureSummary: string };

export function SimilarProjectList({ projects, headingId }: { projects: readonly SimilarProjectItem[]; headingId: string }) {
  return (
    <ul className="nhsuk-list app-similar-projects" aria-labelledby={headingId}>
      {projects.map((p) => (
        <li key={p.id} className="nhsuk-u-margin-bottom-3">
          <Link to={`/projects/${p.id}`}>{p.title}</Link> <StageTag stage={p.stage} />
          {p.stage === "closed" ? (
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
              {p.closureAimAchieved === null ? "" : p.closureAimAchieved ? "Aim achieved. " : "Aim not achieved. "}
              {p.closureSummary}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
