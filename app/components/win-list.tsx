// Wins as people read them: what was achieved, the evidence behind it, who confirmed it and when.
import { Link } from "@remix-run/react";
import type { WIN_EVIDENCE_KINDS } from "~/domain/enums";
import { evidenceHref, WIN_KIND_LABELS } from "~/domain/wins-month";
import { formatDateTime } from "~/web/dates";
import { Tag } from "~/components/nhs";

type Kind = (typeof WIN_EVIDENCE_KINDS)[number];

export { WIN_KIND_LABELS };

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
