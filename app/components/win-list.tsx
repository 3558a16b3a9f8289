// Wins as people read them: what was achieved, the evidence behind it, who confirmed it and when.
import { Link } from "@remix-run/react";
import type { WIN_EVIDENCE_KINDS } from "~/domain/enums";
import { formatDateTime } from "~/web/dates";
import { Tag } from "~/components/nhs";

type Kind = (typeof WIN_EVIDENCE_KINDS)[number];

export const WIN_KIND_LABELS: Record<Kind, string> = {
  measure_improvement: "Measure improving",
  milestone_completed: "Milestone completed",
  change_adopted: "Change adopted",
  other: "Other achievement",
};

/** Where the evidence of a win lives, when its key names a record ("measure:12:2026-11-01", "pdsa:4"). */
export function evidenceHref(projectId: number, ref: string): string | null {
  const match = /^(measure|milestone|pdsa):([1-9]\d{0,15})(?::|$)/.exec(ref);
  if (!match) return null;
  const [, kind, id] = match;
  if (kind === "measure") return `/projects/${projectId}/measures/${id}`;
  if (kind === "pdsa") return `/projects/${projectId}/pdsa/${id}`;
  return `/projects/${projectId}/milestones`;
}

export type WinItem = {
  id: number;
  projectId: number;
  projectTitle?: string;
  title: string;
  description: string;
  evidenceKind: Kind;
  evidenceRef: string;
  at: string | number | Date;
  confirmedByName: string | null;
};

export function WinList({
  wins,
  showProject = false,
  headingLevel = 3,
}: {
  wins: WinItem[];
  showProject?: boolean;
  /** The level of each win's title, one below the section it sits in. */
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = (["h2", "h3", "h4"] as const)[headingLevel - 2];
  return (
    <ul className="nhsuk-list app-win-list">
      {wins.map((w) => {
        const href = evidenceHref(w.projectId, w.evidenceRef);
        return (
          <li key={w.id} className="app-win">
            <Heading className="nhsuk-heading-s app-win__title">{w.title}</Heading>
            {showProject && w.projectTitle ? (
              <p className="app-win__project">
                <Link to={`/projects/${w.projectId}/wins`}>{w.projectTitle}</Link>
              </p>
            ) : null}
            {w.description ? <p className="app-pre-line app-win__description">{w.description}</p> : null}
            <p className="app-win__meta">
              <Tag colour="green">{WIN_KIND_LABELS[w.evidenceKind]}</Tag>{" "}
              {href ? (
                <Link to={href}>
                  See the evidence<span className="nhsuk-u-visually-hidden"> for {w.title}</span>
                </Link>
              ) : w.evidenceRef ? (
                <span>{w.evidenceRef}</span>
              ) : null}
              {href || w.evidenceRef ? " · " : ""}
              Confirmed {formatDateTime(w.at)}
              {w.confirmedByName ? ` by ${w.confirmedByName}` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
