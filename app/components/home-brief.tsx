// The programme in brief for the home page: a pointer into the board, not a copy of it.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Stage } from "~/domain/enums";
import { STAGE_LABELS } from "~/domain/labels";

export type ProgrammeBrief = {
  total: number;
  byStage: { stage: Stage; n: number }[];
  flagged: number;
  measuresImproving: number;
  projectsImproving: number;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One figure with what it means and where to look. */
function BriefCard({ title, number, children }: { title: string; number: number; children: ReactNode }) {
  return (
    <div className="app-home-brief__card">
      <h3 className="nhsuk-heading-s">{title}</h3>
      <p className="app-home-brief__number">{number}</p>
      <p>{children}</p>
    </div>
  );
}

export function HomeBrief({ brief }: { brief: ProgrammeBrief }) {
  if (brief.total === 0) {
    return (
      <p className="app-muted">
        No projects in the programme yet. <Link to="/projects/new">Propose the first improvement project</Link>.
      </p>
    );
  }
  return (
    <div className="app-home-brief">
      <div className="app-home-brief__card">
        <h3 className="nhsuk-heading-s">Projects by stage</h3>
        <dl className="app-rollup__list">
          {brief.byStage
            .filter((s) => s.n > 0)
            .map((s) => (
              <div key={s.stage}>
                <dt>
                  <Link to={`/board?stage=${s.stage}`}>{STAGE_LABELS[s.stage]}</Link>
                </dt>
                <dd>{s.n}</dd>
              </div>
            ))}
        </dl>
      </div>
      <BriefCard title="Needing attention" number={brief.flagged}>
        {brief.flagged ? (
          <Link to="/board?attention=1">See the {plural(brief.flagged, "project")} needing attention</Link>
        ) : (
          "No project is flagged for the board's attention."
        )}
      </BriefCard>
      <BriefCard title="Measures improving" number={brief.measuresImproving}>
        {brief.measuresImproving
          ? `Special cause improvement on ${plural(brief.projectsImproving, "project")}.`
          : "No measure shows special cause improvement yet."}
      </BriefCard>
    </div>
  );
}
