// The board pack's "project on a page": who leads it, how it stands, and what it needs.
import { AssuranceIcon, Sparkline, VariationIcon } from "~/components/spc";
import { RagTag, StageTag } from "~/components/tags";
import { FLAG_LABELS, type AttentionFlag } from "~/domain/attention";
import type { AskState, AssuranceIcon as AssuranceIconId, Rag, Stage, TeamRole, VariationIcon as VariationIconId } from "~/domain/enums";
import { ASK_STATE_LABELS, progressLabel, TEAM_ROLE_LABELS } from "~/domain/labels";
import { countWaitingAsks, waitingAsksText } from "~/domain/ask-rules";
import { formatDay } from "~/web/dates";
import { SummaryList, Tag } from "~/components/nhs";

export type PackPageView = {
  projectId: number;
  title: string;
  stage: Stage;
  latestRag: Rag | null;
  latestRagDate: string | null;
  boardRag: Rag | null;
  boardRagDate: string | null;
  boardRagReason: string | null;
  progressScore: number | null;
  primaryMeasureName: string | null;
  primarySparkline: number[] | null;
  primaryVariationIcon: VariationIconId | null;
  primaryAssuranceIcon: AssuranceIconId | null;
  flags: AttentionFlag[];
  leads: { role: Exclude<TeamRole, "member">; name: string }[];
  milestones: { id: number; title: string; forecastDate: string; baselineDate: string; completedOn: string | null }[];
  latestReport: { reportDate: string; rag: Rag; nextSteps: string; risks: string } | null;
  asks: {
    id: number;
    what: string;
    state: AskState;
    addressee: string;
    addresseeName: string | null;
    dueOn: string | null;
  }[];
};

function signal(icon: VariationIconId | null) {
  if (!icon || icon === "common_cause") return { latest: icon ? ("common" as const) : null, direction: null };
  const [, , kind, dir] = icon.split("_") as [string, string, "improvement" | "concern" | "neutral", "high" | "low"];
  return { latest: kind, direction: dir };
}

export function PackProjectPage({ page, position, reason, today }: { page: PackPageView; position: number; reason: string; today: string }) {
  const { latest, direction } = signal(page.primaryVariationIcon);
  return (
    <article className="app-pack-page" aria-labelledby={`pack-${page.projectId}`}>
      <h2 id={`pack-${page.projectId}`} className="nhsuk-heading-l">
        <span className="nhsuk-caption-m">Item {position}</span>
        {page.title}
      </h2>
      {reason ? (
        <p className="nhsuk-body-s">
          <strong>On the agenda because:</strong> {reason}
        </p>
      ) : null}
      <SummaryList
        className="app-pack-summary"
        rows={[
          {
            key: "Stage and score",
            value: (
              <>
                <StageTag stage={page.stage} /> {progressLabel(page.progressScore)}
              </>
            ),
          },
          {
            key: "Leads",
            value: (
              <>
                {page.leads.length ? (
                  page.leads.map((l) => `${TEAM_ROLE_LABELS[l.role]}: ${l.name}`).join("; ")
                ) : (
                  <span className="app-muted">No leads named</span>
                )}
              </>
            ),
          },
          {
            key: "RAG",
            value: (
              <>
                Team:{" "}
                {page.latestRag ? (
                  <>
                    <RagTag rag={page.latestRag} /> {formatDay(page.latestRagDate)}
                  </>
                ) : (
                  "no report"
                )}
                {" · "}Board:{" "}
                {page.boardRag ? (
                  <>
                    <RagTag rag={page.boardRag} /> {formatDay(page.boardRagDate)}
                  </>
                ) : (
                  "not assessed"
                )}
                {page.boardRagReason ? (
                  <span className="app-pre-line nhsuk-body-s">
                    <br />
                    {page.boardRagReason}
                  </span>
                ) : null}
              </>
            ),
          },
          {
            key: "Primary measure",
            value: (
              <>
                {page.primaryMeasureName ? (
                  <span className="app-board-measure">
                    <span>{page.primaryMeasureName}</span>
                    {page.primarySparkline ? (
                      <Sparkline values={page.primarySparkline} latest={latest} latestDirection={direction} label={page.primaryMeasureName} />
                    ) : null}
                    <span className="app-board-measure__icons">
                      <VariationIcon icon={page.primaryVariationIcon} size={32} showLabel />
                      <AssuranceIcon icon={page.primaryAssuranceIcon} size={32} />
                    </span>
                  </span>
                ) : (
                  <span className="app-muted">No measures yet</span>
                )}
              </>
            ),
          },
        ]}
      />
      <h3 className="nhsuk-heading-s">Attention flags</h3>
      {page.flags.length ? (
        <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
          {page.flags.map((f, i) => (
            <li key={i}>
              <strong>{FLAG_LABELS[f.code]}:</strong> {f.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="nhsuk-body-s">None.</p>
      )}
      <h3 className="nhsuk-heading-s">Milestones</h3>
      {page.milestones.length ? (
        <ul className="nhsuk-list nhsuk-body-s">
          {page.milestones.map((m) => (
            <li key={m.id}>
              {m.title}: {m.completedOn ? `done ${formatDay(m.completedOn)}` : `due ${formatDay(m.forecastDate)}`}
              {!m.completedOn && m.forecastDate < today ? (
                <Tag colour="red" className="nhsuk-u-margin-left-2">
                  Overdue
                </Tag>
              ) : null}
              {m.forecastDate > m.baselineDate ? <span className="app-muted"> (baseline {formatDay(m.baselineDate)})</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="nhsuk-body-s">No milestones.</p>
      )}
      <h3 className="nhsuk-heading-s">Next steps from the latest status report</h3>
      {page.latestReport ? (
        <>
          <p className="nhsuk-body-s">
            <RagTag rag={page.latestReport.rag} /> {formatDay(page.latestReport.reportDate)}
          </p>
          <p className="nhsuk-body-s app-pre-line">{page.latestReport.nextSteps || "No next steps given."}</p>
          {page.latestReport.risks ? (
            <p className="nhsuk-body-s app-pre-line">
              <strong>Risks:</strong> {page.latestReport.risks}
            </p>
          ) : null}
        </>
      ) : (
        <p className="nhsuk-body-s">No status report yet.</p>
      )}
      <h3 className="nhsuk-heading-s">Asks of the board</h3>
      {page.asks.length ? <p className="nhsuk-body-s">{waitingAsksText(countWaitingAsks(page.asks))}</p> : null}
      {page.asks.length ? (
        <ul className="nhsuk-list nhsuk-body-s">
          {page.asks.map((a) => (
            <li key={a.id}>
              <Tag colour="grey">{ASK_STATE_LABELS[a.state]}</Tag> <span className="app-pre-line">{a.what}</span> — to{" "}
              {a.addressee === "board" ? "the programme board" : a.addresseeName}
              {a.dueOn ? `, by ${formatDay(a.dueOn)}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="nhsuk-body-s">No open asks.</p>
      )}
    </article>
  );
}
