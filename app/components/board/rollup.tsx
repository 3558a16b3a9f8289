import { Link } from "@remix-run/react";
import { formatMonth } from "~/web/dates";
import { VariationIcon } from "~/components/spc";
import { FLAG_LABELS, type AttentionFlag } from "~/domain/attention";
import type { Rag, Stage, VariationIcon as VariationIconId } from "~/domain/enums";
import { RAGS, STAGES, VARIATION_ICONS } from "~/domain/enums";
import { RAG_LABELS, STAGE_LABELS } from "~/domain/labels";

type Count = { key: string | null; n: number };
export type Rollup = {
  byStage: Count[];
  byRag: Count[];
  byScore: Count[];
  cyclesByMonth: { month: string; n: number }[];
  measuresByIcon: { key: VariationIconId | null; n: number }[];
  attention: { projectId: number; title: string; flags: AttentionFlag[] }[];
  flagged: number;
};

const countOf = (rows: Count[], key: string | null) => rows.find((r) => r.key === key)?.n ?? 0;

/** The roll-up of the current filter: how the portfolio stands, at a glance. */
export function BoardRollup({
  rollup,
  months,
  total,
  sprite = false,
}: {
  rollup: Rollup;
  months: string[];
  total: number;
  /** The page's <SpcIconSprite> defines the icons (ADR 117). */
  sprite?: boolean;
}) {
  const maxCycles = Math.max(1, ...rollup.cyclesByMonth.map((c) => c.n));
  return (
    <section aria-labelledby="rollup-title" className="app-rollup">
      <h2 id="rollup-title" className="nhsuk-heading-m">
        Portfolio at a glance <span className="app-muted nhsuk-body-s">{`(${total} project${total === 1 ? "" : "s"} in this view)`}</span>
      </h2>
      <div className="app-rollup__grid">
        <div className="app-rollup__card">
          <h3 className="nhsuk-heading-s">By stage</h3>
          <dl className="app-rollup__list">
            {STAGES.map((stage: Stage) =>
              countOf(rollup.byStage, stage) ? (
                <div key={stage}>
                  <dt>{STAGE_LABELS[stage]}</dt>
                  <dd>{countOf(rollup.byStage, stage)}</dd>
                </div>
              ) : null,
            )}
          </dl>
        </div>
        <div className="app-rollup__card">
          <h3 className="nhsuk-heading-s">Team's latest RAG</h3>
          <dl className="app-rollup__list">
            {RAGS.map((rag: Rag) => (
              <div key={rag}>
                <dt>{RAG_LABELS[rag]}</dt>
                <dd>{countOf(rollup.byRag, rag)}</dd>
              </div>
            ))}
            <div>
              <dt>No report</dt>
              <dd>{countOf(rollup.byRag, null)}</dd>
            </div>
          </dl>
        </div>
        <div className="app-rollup__card">
          <h3 className="nhsuk-heading-s">IHI progress score</h3>
          <dl className="app-rollup__list">
            {rollup.byScore
              .slice()
              .sort((a, b) => String(a.key).localeCompare(String(b.key)))
              .map((row) => (
                <div key={row.key ?? "none"}>
                  <dt>{row.key}</dt>
                  <dd>{row.n}</dd>
                </div>
              ))}
          </dl>
        </div>
        <div className="app-rollup__card">
          <h3 className="nhsuk-heading-s">Measures by latest signal</h3>
          <ul className="app-rollup__icons nhsuk-body-s">
            {VARIATION_ICONS.map((icon) => {
              const n = countOf(rollup.measuresByIcon as Count[], icon);
              return n ? (
                <li key={icon}>
                  <span className="app-rollup__count">{n}</span> <VariationIcon icon={icon} size={28} showLabel sprite={sprite} />
                </li>
              ) : null;
            })}
          </ul>
        </div>
      </div>
      <div className="app-rollup__card app-rollup__wide">
        <h3 className="nhsuk-heading-s" id="cycles-title">
          PDSA cycles started per month, last 12 months
        </h3>
        <table className="app-bars" aria-labelledby="cycles-title">
          <tbody>
            <tr className="app-bars__values">
              {months.map((m) => {
                const n = rollup.cyclesByMonth.find((c) => c.month === m)?.n ?? 0;
                const height = Math.round((n / maxCycles) * 10);
                return (
                  <td key={m}>
                    <span className="app-bars__n">{n}</span>
                    <span className={`app-bars__bar app-bars__bar--h${height}`} aria-hidden="true" />
                  </td>
                );
              })}
            </tr>
            <tr>
              {months.map((m) => (
                <th scope="col" key={m}>
                  {formatMonth(m, true)}
                </th>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div className="app-rollup__card app-rollup__wide">
        <h3 className="nhsuk-heading-s" id="attention-title">
          {`Needs attention: ${rollup.flagged} project${rollup.flagged === 1 ? "" : "s"}`}
        </h3>
        {rollup.attention.length === 0 ? (
          <p>No project in this view needs attention.</p>
        ) : (
          <ul className="nhsuk-list app-attention-list" aria-labelledby="attention-title">
            {rollup.attention.map((p) => (
              <li key={p.projectId}>
                <Link to={`/projects/${p.projectId}`}>{p.title}</Link>
                <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
                  {p.flags.map((f, i) => (
                    <li key={i}>
                      <strong>{`${FLAG_LABELS[f.code]}:`}</strong>
                      {` ${f.reason}`}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {rollup.flagged > rollup.attention.length ? (
          <p className="nhsuk-body-s">
            {`Showing the ${rollup.attention.length} with most flags. `}
            <Link to="/board?attention=1">Show all {rollup.flagged} projects that need attention</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
