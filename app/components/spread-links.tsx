// Where a change idea spread to, and where an adopted copy came from (ADR 104): shown on /changes, the
// driver diagram and the idea's page. Types only from the model: nothing of it reaches the browser.
import { Link } from "@remix-run/react";
import type { OriginLink, SpreadLink } from "~/models/spread.server";
import { plural } from "~/domain/plural";

const ideaHref = (l: { projectId: number; ideaId: number }) => `/projects/${l.projectId}/drivers#node-idea-${l.ideaId}`;

export function AdoptedFrom({ origin }: { origin: OriginLink | null | undefined }) {
  if (!origin) return null;
  const words = `${origin.projectTitle} — ${origin.ideaTitle}`;
  return (
    <span className="app-spread-line nhsuk-body-s">
      Adopted from {origin.removed ? `${words} (since removed)` : <Link to={ideaHref(origin)}>{words}</Link>}
    </span>
  );
}

export function SpreadTo({ links, ideaTitle }: { links: readonly SpreadLink[] | null | undefined; ideaTitle: string }) {
  if (!links?.length) return null;
  return (
    <span className="app-spread-line nhsuk-body-s">
      Spread to {plural(links.length, "project")}:{" "}
      {links.map((l, i) => (
        <span key={l.ideaId}>
          {i > 0 ? ", " : ""}
          <Link to={ideaHref(l)}>
            {l.projectTitle}
            <span className="nhsuk-u-visually-hidden"> (its copy of {ideaTitle})</span>
          </Link>
        </span>
      ))}
    </span>
  );
}

export function AdoptLink({ ideaId, ideaTitle }: { ideaId: number; ideaTitle: string }) {
  return (
    <span className="app-spread-line nhsuk-body-s">
      <Link to={`/changes/${ideaId}/adopt`}>
        Adopt in my project<span className="nhsuk-u-visually-hidden">: {ideaTitle}</span>
      </Link>
    </span>
  );
}
