// The driver diagram drawn from the pure layout (app/domain/driver-layout.ts) as an SVG that stands on
// its own (presentation attributes, no CSS, so the download looks the same), and the equivalent nested
// list that screen readers and phones use. Both come from the same loader data.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Tag, type TagColour } from "~/components/nhs";
import { AssuranceIcon } from "~/components/spc/assurance-icon";
import { VariationIcon } from "~/components/spc/variation-icon";
import { layoutDiagram, type DiagramLayout, type LayoutInput } from "~/domain/driver-layout";
import { CHANGE_IDEA_STATUS_LABELS, PICK_LABELS, type ChangeIdeaStatus, type PickCategory } from "~/domain/driver-rules";
import type { AssuranceIcon as AssuranceIconId, VariationIcon as VariationIconId } from "~/domain/enums";
import { ASSURANCE_ICON_LABELS, VARIATION_ICON_LABELS } from "~/domain/spc/icon-labels";
import { plural } from "~/domain/plural";
import type { DragRow } from "~/components/driver-drag";
import { AdoptedFrom, AdoptLink, SpreadTo } from "~/components/spread-links";
import type { OriginLink, SpreadLink } from "~/models/spread.server";

/** The diagram's spread (ADR 104): what each idea was adopted from, where it spread to, and which may be adopted by the reader. */
export type DiagramSpread = { origins: Record<number, OriginLink>; spread: Record<number, SpreadLink[]>; ready: number[]; canAdopt: boolean };

type Measure = { id: number; name: string; type: string; variationIcon: string | null; assuranceIcon: string | null };
type Driver = { id: number; title: string; description: string; parentIds: number[]; measureIds: number[] };
type Idea = {
  id: number;
  title: string;
  description: string;
  status: ChangeIdeaStatus;
  cycles: number;
  learning: string;
  pick: PickCategory | null;
  driverIds: number[];
  latestCycleId: number | null;
};
export type DiagramView = { aimText: string; primaries: Driver[]; secondaries: Driver[]; ideas: Idea[]; measures: Measure[] };

export const STATUS_COLOURS: Record<ChangeIdeaStatus, TagColour> = {
  not_tested: "grey",
  testing: "blue",
  adopted: "green",
  adapted: "yellow",
  abandoned: "red",
};
const STATUS_FILL: Record<ChangeIdeaStatus, string> = {
  not_tested: "#768692",
  testing: "#005eb8",
  adopted: "#007f3b",
  adapted: "#ffb81c",
  abandoned: "#d5281b",
};

const measureWords = (m: Measure) =>
  [
    m.name,
    m.variationIcon ? VARIATION_ICON_LABELS[m.variationIcon as VariationIconId] : "no chart yet",
    m.assuranceIcon ? ASSURANCE_ICON_LABELS[m.assuranceIcon as AssuranceIconId] : null,
  ]
    .filter(Boolean)
    .join(" — ");

export const ideaSummary = (i: Pick<Idea, "status" | "cycles" | "pick">) =>
  [CHANGE_IDEA_STATUS_LABELS[i.status], plural(i.cycles, "cycle"), i.pick ? PICK_LABELS[i.pick] : null].filter(Boolean).join(" · ");

/** The layout's input: every node's title and the words shown under it. */
export function diagramInput(d: DiagramView): LayoutInput {
  const byId = new Map(d.measures.map((m) => [m.id, m]));
  const aimMeasures = d.measures.filter((m) => m.type !== "process");
  const driverNode = (prefix: string) => (x: Driver) => ({
    key: `${prefix}${x.id}`,
    title: x.title,
    detail: x.measureIds.flatMap((id) => (byId.get(id) ? [`Measure: ${measureWords(byId.get(id)!)}`] : [])),
  });
  return {
    aim: {
      key: "aim",
      title: d.aimText,
      detail: aimMeasures.map((m) => `${m.type === "balancing" ? "Balancing" : "Outcome"}: ${measureWords(m)}`),
    },
    primaries: d.primaries.map(driverNode("p")),
    secondaries: d.secondaries.map(driverNode("s")),
    ideas: d.ideas.map((i) => ({ key: `c${i.id}`, title: i.title, detail: [ideaSummary(i), ...(i.learning ? [`Learning: ${i.learning}`] : [])] })),
    links: [
      ...d.primaries.map((p) => ({ from: "aim", to: `p${p.id}` })),
      ...d.secondaries.flatMap((s) => s.parentIds.map((p) => ({ from: `p${p}`, to: `s${s.id}` }))),
      ...d.ideas.flatMap((i) => i.driverIds.map((s) => ({ from: `s${s}`, to: `c${i.id}` }))),
    ],
  };
}

const FILL = ["#005eb8", "#e8edee", "#f0f4f5", "#ffffff"];
const TEXT = ["#ffffff", "#212b32", "#212b32", "#212b32"];

/** The diagram as SVG markup; `title` is its accessible name. */
export function DriverDiagramSvg({
  d,
  title,
  titleId = "driver-diagram-title",
  layout = layoutDiagram(diagramInput(d)),
}: {
  d: DiagramView;
  title: string;
  titleId?: string;
  layout?: DiagramLayout;
}) {
  const statusOf = new Map(d.ideas.map((i) => [`c${i.id}`, i.status]));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="img"
      aria-labelledby={titleId}
      className="app-driver-svg"
      fontFamily="Arial, sans-serif"
    >
      <title id={titleId}>{title}</title>
      <rect x={0} y={0} width={layout.width} height={layout.height} fill="#ffffff" />
      {layout.headings.map((h) => (
        <text key={h.text} x={h.x} y={h.y} fontSize={h.size} fontWeight="bold" fill="#4c6272">
          {h.text}
        </text>
      ))}
      {layout.connectors.map((c) => {
        const mid = (c.x1 + c.x2) / 2;
        return (
          <path
            key={`${c.from}-${c.to}`}
            d={`M${c.x1} ${c.y1} C${mid} ${c.y1} ${mid} ${c.y2} ${c.x2} ${c.y2}`}
            fill="none"
            stroke="#768692"
            strokeWidth={1.2}
          />
        );
      })}
      {layout.boxes.map((b) => {
        const status = statusOf.get(b.key);
        return (
          <g key={b.key}>
            <rect
              x={b.x}
              y={b.y}
              width={b.width}
              height={b.height}
              rx={4}
              fill={FILL[b.column]}
              stroke={status ? STATUS_FILL[status] : "#aeb7bd"}
              strokeWidth={status ? 2 : 1}
            />
            {status ? <rect x={b.x} y={b.y} width={4} height={b.height} fill={STATUS_FILL[status]} /> : null}
            {b.lines.map((l, i) => (
              <text key={i} x={l.x} y={l.y} fontSize={l.size} fontWeight={l.bold ? "bold" : undefined} fill={TEXT[b.column]}>
                {l.text}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

function MeasureLine({ m }: { m: Measure }) {
  return (
    <li className="app-driver-measure">
      {m.variationIcon ? <VariationIcon icon={m.variationIcon as VariationIconId} size={28} /> : null}
      {m.assuranceIcon ? <AssuranceIcon icon={m.assuranceIcon as AssuranceIconId} size={28} /> : null}
      <span>
        {m.type === "balancing" ? "Balancing" : m.type === "outcome" ? "Outcome" : "Process"} measure: {measureWords(m)}
      </span>
    </li>
  );
}

export function IdeaStatusTag({ status }: { status: ChangeIdeaStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{CHANGE_IDEA_STATUS_LABELS[status]}</Tag>;
}

/** Drag and drop on the list (app/components/driver-drag.tsx): props for each row and its handle. */
export type ListDrag = {
  rowProps: (row: DragRow) => Record<string, string>;
  handle: (row: DragRow) => ReactNode;
};

/** The same diagram as a nested list (aim → primary → secondary → change ideas), with links to edit when `editBase` is given. */
export function DriverDiagramList({
  d,
  editBase,
  cycleBase,
  drag,
  spread,
}: {
  d: DiagramView;
  editBase?: string;
  cycleBase: string;
  drag?: ListDrag;
  spread?: DiagramSpread;
}) {
  const measures = new Map(d.measures.map((m) => [m.id, m]));
  const edit = (key: string, title: string): ReactNode =>
    editBase ? (
      <>
        {" "}
        <Link className="app-driver-edit" to={`${editBase}/${key}`}>
          Change<span className="nhsuk-u-visually-hidden"> {title}</span>
        </Link>
      </>
    ) : null;
  const ideaItem = (i: Idea, parentId: number | null) => (
    <li key={i.id} id={`node-idea-${i.id}`} className="app-driver-list__idea" {...drag?.rowProps({ kind: "idea", id: i.id, title: i.title, parentId })}>
      {drag?.handle({ kind: "idea", id: i.id, title: i.title, parentId })}
      <strong>{i.title}</strong> <IdeaStatusTag status={i.status} /> {edit(`idea-${i.id}`, i.title)}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        Change idea · {plural(i.cycles, "PDSA cycle")}
        {i.pick ? ` · PICK: ${PICK_LABELS[i.pick]}` : ""}
        {i.latestCycleId ? (
          <>
            {" · "}
            <Link to={`${cycleBase}/${i.latestCycleId}`}>
              Latest cycle<span className="nhsuk-u-visually-hidden"> of {i.title}</span>
            </Link>
          </>
        ) : null}
      </p>
      {i.description ? <p className="nhsuk-body-s app-pre-line nhsuk-u-margin-bottom-1">{i.description}</p> : null}
      {i.learning ? <p className="nhsuk-body-s app-pre-line">Latest learning: {i.learning}</p> : null}
      {spread ? (
        <>
          <AdoptedFrom origin={spread.origins[i.id]} />
          <SpreadTo links={spread.spread[i.id]} ideaTitle={i.title} />
          {spread.canAdopt && spread.ready.includes(i.id) ? <AdoptLink ideaId={i.id} ideaTitle={i.title} /> : null}
        </>
      ) : null}
    </li>
  );
  const driverMeasures = (x: Driver) =>
    x.measureIds.length ? (
      <ul className="nhsuk-list app-driver-measures">{x.measureIds.map((id) => (measures.get(id) ? <MeasureLine key={id} m={measures.get(id)!} /> : null))}</ul>
    ) : null;
  const secondaryItem = (s: Driver, under: number | null) => {
    const ideas = d.ideas.filter((i) => i.driverIds.includes(s.id));
    return (
      <li
        key={`${under}-${s.id}`}
        id={under === null || s.parentIds[0] === under ? `node-driver-${s.id}` : undefined}
        className="app-driver-list__secondary"
        {...drag?.rowProps({ kind: "secondary", id: s.id, title: s.title, parentId: under })}
      >
        {drag?.handle({ kind: "secondary", id: s.id, title: s.title, parentId: under })}
        <strong>{s.title}</strong> <span className="nhsuk-body-s">(secondary driver)</span>
        {edit(`driver-${s.id}`, s.title)}
        {s.description ? <p className="nhsuk-body-s app-pre-line nhsuk-u-margin-bottom-1">{s.description}</p> : null}
        {driverMeasures(s)}
        {ideas.length ? (
          <ul className="app-driver-list">{ideas.map((i) => ideaItem(i, s.id))}</ul>
        ) : (
          <p className="nhsuk-body-s">No change ideas under it yet.</p>
        )}
      </li>
    );
  };
  const loneSecondaries = d.secondaries.filter((s) => s.parentIds.length === 0);
  const loneIdeas = d.ideas.filter((i) => i.driverIds.length === 0);
  return (
    <div className="app-driver-list-wrap">
      <ul className="app-driver-list app-driver-list--top">
        <li>
          <strong>Aim:</strong> {d.aimText}
          {d.measures.some((m) => m.type !== "process") ? (
            <ul className="nhsuk-list app-driver-measures">
              {d.measures
                .filter((m) => m.type !== "process")
                .map((m) => (
                  <MeasureLine key={m.id} m={m} />
                ))}
            </ul>
          ) : null}
          {d.primaries.length ? (
            <ul className="app-driver-list">
              {d.primaries.map((p) => {
                const under = d.secondaries.filter((s) => s.parentIds.includes(p.id));
                return (
                  <li
                    key={p.id}
                    id={`node-driver-${p.id}`}
                    className="app-driver-list__primary"
                    {...drag?.rowProps({ kind: "primary", id: p.id, title: p.title, parentId: null })}
                  >
                    {drag?.handle({ kind: "primary", id: p.id, title: p.title, parentId: null })}
                    <strong>{p.title}</strong> <span className="nhsuk-body-s">(primary driver)</span>
                    {edit(`driver-${p.id}`, p.title)}
                    {p.description ? <p className="nhsuk-body-s app-pre-line nhsuk-u-margin-bottom-1">{p.description}</p> : null}
                    {driverMeasures(p)}
                    {under.length ? (
                      <ul className="app-driver-list">{under.map((s) => secondaryItem(s, p.id))}</ul>
                    ) : (
                      <p className="nhsuk-body-s">No secondary drivers under it yet.</p>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>No primary drivers yet.</p>
          )}
        </li>
      </ul>
      {loneSecondaries.length || loneIdeas.length ? (
        <>
          <h3 className="nhsuk-heading-s">Not linked to a driver yet</h3>
          <ul className="app-driver-list">
            {loneSecondaries.map((s) => secondaryItem(s, null))}
            {loneIdeas.map((i) => ideaItem(i, null))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
