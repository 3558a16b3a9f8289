// Drag and drop on the driver diagram's nested list, an enhancement over the forms on each node's page
// (ADR 102). With JavaScript, a handle beside each driver and change idea drags it among its siblings
// (the "reorder" form, moving it past one of them) or onto another parent (the "move" form, or "link"
// for one not under a driver yet). Each drop posts the same form the node page posts, with the row's
// version, from a fetcher; the list shows the new place at once and returns the item to its place if the
// server refuses (a 409 when someone changed it meanwhile). A live region says what happened.
// Pointer events (mouse, pen and touch alike), no library; no inline styles (classes in styles/app.scss).
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from "react";
import type { DiagramView } from "~/components/driver-diagram";
import type { Conflict } from "~/domain/conflict";
import { placeBeside } from "~/domain/driver-rules";

export type DragKind = "primary" | "secondary" | "idea";
/** One row of the nested list: a node as it shows under one parent (null: under the aim, or not linked yet). */
export type DragRow = { kind: DragKind; id: number; title: string; parentId: number | null };

export type DropPlan =
  | { intent: "reorder"; row: DragRow; direction: "up" | "down"; past: number }
  | { intent: "move"; row: DragRow; fromId: number; parentId: number }
  | { intent: "link"; row: DragRow; parentId: number };

const PARENT_KIND: Record<DragKind, DragKind | null> = { primary: null, secondary: "primary", idea: "secondary" };
export const rowKey = (r: DragRow) => `${r.kind}-${r.id}-${r.parentId ?? "none"}`;
const nodeKey = (r: Pick<DragRow, "kind" | "id">) => (r.kind === "idea" ? `idea-${r.id}` : `driver-${r.id}`);

function parentsOf(d: DiagramView, kind: DragKind, id: number): number[] {
  if (kind === "idea") return d.ideas.find((i) => i.id === id)?.driverIds ?? [];
  if (kind === "secondary") return d.secondaries.find((s) => s.id === id)?.parentIds ?? [];
  return [];
}

/** The ids shown under one parent, in the list's order (primaries: all of them; parent null: the unlinked ones). */
export function siblings(d: DiagramView, kind: DragKind, parentId: number | null): number[] {
  const column =
    kind === "idea"
      ? d.ideas.map((i) => ({ id: i.id, parents: i.driverIds }))
      : (kind === "primary" ? d.primaries : d.secondaries).map((x) => ({ id: x.id, parents: x.parentIds }));
  if (kind === "primary") return column.map((x) => x.id);
  return column.filter((x) => (parentId === null ? x.parents.length === 0 : x.parents.includes(parentId))).map((x) => x.id);
}

/** What dropping `dragged` on the `half` of row `over` asks for, or null when it is no move at all or not allowed. */
export function planDrop(d: DiagramView, dragged: DragRow, over: DragRow, half: "before" | "after"): DropPlan | null {
  const into = (parentId: number): DropPlan | null => {
    if (parentsOf(d, dragged.kind, dragged.id).includes(parentId)) return null;
    return dragged.parentId === null ? { intent: "link", row: dragged, parentId } : { intent: "move", row: dragged, fromId: dragged.parentId, parentId };
  };
  if (over.kind === dragged.kind) {
    if (over.parentId !== dragged.parentId) return over.parentId === null ? null : into(over.parentId);
    const ids = siblings(d, dragged.kind, dragged.parentId);
    const i = ids.indexOf(dragged.id);
    const j = ids.indexOf(over.id);
    if (i < 0 || j < 0 || i === j) return null;
    const gap = half === "before" ? j : j + 1;
    if (gap === i || gap === i + 1) return null;
    return gap < i
      ? { intent: "reorder", row: dragged, direction: "up", past: ids[gap] }
      : { intent: "reorder", row: dragged, direction: "down", past: ids[gap - 1] };
  }
  return PARENT_KIND[dragged.kind] === over.kind ? into(over.id) : null;
}

/** The diagram as it will be once the drop is saved: shown while it is on its way. */
export function applyDrop(d: DiagramView, plan: DropPlan): DiagramView {
  const { row } = plan;
  if (plan.intent === "reorder") {
    const reorder = <T extends { id: number }>(xs: T[]) => {
      const order = placeBeside(
        xs.map((x) => x.id),
        row.id,
        plan.past,
        plan.direction,
      );
      return order.map((id) => xs.find((x) => x.id === id)!);
    };
    if (row.kind === "idea") return { ...d, ideas: reorder(d.ideas) };
    return row.kind === "primary" ? { ...d, primaries: reorder(d.primaries) } : { ...d, secondaries: reorder(d.secondaries) };
  }
  const reparent = (ids: number[]) => [...ids.filter((p) => plan.intent === "link" || p !== plan.fromId), plan.parentId];
  if (row.kind === "idea") return { ...d, ideas: d.ideas.map((i) => (i.id === row.id ? { ...i, driverIds: reparent(i.driverIds) } : i)) };
  return { ...d, secondaries: d.secondaries.map((s) => (s.id === row.id ? { ...s, parentIds: reparent(s.parentIds) } : s)) };
}

/** "Moved X under Y, position 2 of 3." from the saved diagram. */
export function movedMessage(d: DiagramView, row: DragRow, parentId: number | null): string {
  const ids = siblings(d, row.kind, parentId);
  const parent =
    row.kind === "primary"
      ? "the aim"
      : parentId === null
        ? "not linked to a driver"
        : ([...d.primaries, ...d.secondaries].find((x) => x.id === parentId)?.title ?? "its driver");
  return `Moved ${row.title} under ${parent}, position ${ids.indexOf(row.id) + 1} of ${ids.length}.`;
}

type DropReply = { intent: string; conflict: Conflict | null; result?: { error?: Record<string, string[] | null> | null } };

function refusalMessage(row: DragRow, reply: DropReply | undefined): string | null {
  if (!reply) return `${row.title} was not moved: the server did not answer. Try again, or use Change beside it.`;
  if (reply.conflict) {
    const who =
      /^This was changed by .*? since you opened it\./.exec(reply.conflict.message)?.[0] ?? "It was changed by someone else since you opened the page.";
    return `${row.title} was not moved. ${who} The diagram now shows the latest version: drag it again to move it.`;
  }
  const errors = Object.values(reply.result?.error ?? {}).flatMap((m) => m ?? []);
  return errors.length ? `${row.title} was not moved: ${errors.join(". ")}.` : null;
}

type Versions = { drivers: Record<number, number>; ideas: Record<number, number> };
type Held = { row: DragRow; source: HTMLElement; pointerId: number; x: number; y: number; moved: boolean; target: HTMLElement | null; plan: DropPlan | null };

const TARGET_CLASSES = ["app-drop-before", "app-drop-after", "app-drop-into"];

/**
 * Drag and drop over the diagram's list for a team member: `view` is the diagram to draw (with a drop
 * on its way), `rowProps` and `handle` go on each row, `status` is the hint and the live region.
 */
export function useDriverDrag(d: DiagramView, versions: Versions, editBase: string) {
  const fetcher = useFetcher<DropReply>();
  const revalidator = useRevalidator();
  const [on, setOn] = useState(false);
  const [pending, setPending] = useState<DropPlan | null>(null);
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const held = useRef<Held | null>(null);
  const clicked = useRef(false);
  useEffect(() => setOn(true), []);

  const busy = pending !== null || fetcher.state !== "idle";

  // When the drop's reply and the reloaded diagram are in: say where it went, or why it did not move.
  const sent = useRef(false);
  useEffect(() => {
    if (!pending) return;
    if (fetcher.state !== "idle") {
      sent.current = true;
      return;
    }
    if (!sent.current) return; // submitted, not yet under way
    sent.current = false;
    const refused = refusalMessage(pending.row, fetcher.data);
    if (refused) {
      setSaid({ text: refused, error: true });
      revalidator.revalidate(); // a refused drop does not reload the page's data: show the latest, with its new version
    } else {
      setSaid({ text: movedMessage(d, pending.row, pending.intent === "reorder" ? pending.row.parentId : pending.parentId), error: false });
    }
    setPending(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per finished drop
  }, [pending, fetcher.state, fetcher.data]);

  const rows = useRef(new Map<string, DragRow>());

  const clearTarget = (h: Held) => {
    h.target?.classList.remove(...TARGET_CLASSES);
    h.target = null;
    h.plan = null;
  };

  const finish = useCallback(
    (drop: boolean) => {
      const h = held.current;
      if (!h) return;
      held.current = null;
      const plan = drop ? h.plan : null;
      clearTarget(h);
      h.source.classList.remove("app-drag-source");
      document.body.classList.remove("app-dragging");
      if (!plan) return;
      const version = plan.row.kind === "idea" ? versions.ideas[plan.row.id] : versions.drivers[plan.row.id];
      const form = new FormData();
      form.set("intent", plan.intent);
      form.set("version", String(version));
      if (plan.intent === "reorder") {
        form.set("direction", plan.direction);
        form.set("past", String(plan.past));
      } else {
        form.set("parentId", String(plan.parentId));
        if (plan.intent === "move") form.set("fromId", String(plan.fromId));
      }
      setSaid(null);
      setPending(plan);
      fetcher.submit(form, { method: "post", action: `${editBase}/${nodeKey(plan.row)}?drag` });
    },
    [editBase, fetcher, versions],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && held.current) {
        finish(false);
        setSaid({ text: "Drag cancelled. Nothing was moved.", error: false });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [finish]);

  const onPointerDown = (e: ReactPointerEvent<HTMLButtonElement>, row: DragRow) => {
    if (busy || held.current || (e.pointerType === "mouse" && e.button !== 0)) return;
    const source = e.currentTarget.closest<HTMLElement>("[data-drag-row]");
    if (!source) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    held.current = { row, source, pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false, target: null, plan: null };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const h = held.current;
    if (!h || e.pointerId !== h.pointerId) return;
    if (!h.moved) {
      if (Math.hypot(e.clientX - h.x, e.clientY - h.y) < 5) return;
      h.moved = true;
      h.source.classList.add("app-drag-source");
      document.body.classList.add("app-dragging");
    }
    // The innermost row under the pointer that takes this drop, or one of its parents that does.
    let el = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>("[data-drag-row]") ?? null;
    let plan: DropPlan | null = null;
    let half: "before" | "after" = "before";
    while (el) {
      const over = rows.current.get(el.dataset.dragRow ?? "");
      const box = el.getBoundingClientRect();
      half = e.clientY < box.top + box.height / 2 ? "before" : "after";
      plan = over ? planDrop(d, h.row, over, half) : null;
      if (plan) break;
      el = el.parentElement?.closest<HTMLElement>("[data-drag-row]") ?? null;
    }
    // A drop on a sibling under another parent goes into that parent: light up the parent.
    const target =
      plan && plan.intent !== "reorder" && el && rows.current.get(el.dataset.dragRow ?? "")?.kind === h.row.kind
        ? (el.parentElement?.closest<HTMLElement>("[data-drag-row]") ?? el)
        : el;
    if (target !== h.target) clearTarget(h);
    h.target = target;
    h.plan = plan;
    target?.classList.add(plan?.intent === "reorder" ? (half === "before" ? "app-drop-before" : "app-drop-after") : "app-drop-into");
    target?.classList.remove(...TARGET_CLASSES.filter((c) => c !== (plan?.intent === "reorder" ? `app-drop-${half}` : "app-drop-into")));
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const h = held.current;
    if (!h || e.pointerId !== h.pointerId) return;
    clicked.current = h.moved; // the click that follows a drag is not a press of the handle
    finish(h.moved);
  };

  const onClick = (row: DragRow) => {
    if (clicked.current) {
      clicked.current = false;
      return;
    }
    setSaid({ text: `To move ${row.title} without dragging, choose Change beside it: its page has Move up, Move down and Move.`, error: false });
  };

  const view = pending ? applyDrop(d, pending) : d;

  const rowProps = (row: DragRow): Record<string, string> => {
    rows.current.set(rowKey(row), row);
    return on ? { "data-drag-row": rowKey(row) } : {};
  };

  const handle = (row: DragRow): ReactNode =>
    on ? (
      <button
        type="button"
        className="app-drag-handle"
        aria-label={`Drag to reorder or move: ${row.title}`}
        aria-describedby="driver-drag-hint"
        aria-disabled={busy || undefined}
        onPointerDown={(e) => onPointerDown(e, row)}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => finish(false)}
        onLostPointerCapture={() => held.current && finish(false)}
        onClick={() => onClick(row)}
      >
        <svg className="app-drag-handle__icon" viewBox="0 0 10 16" aria-hidden="true" focusable="false">
          {[3, 8, 13].flatMap((y) => [2.5, 7.5].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.5} />))}
        </svg>
      </button>
    ) : null;

  const status = (
    <>
      {on ? (
        <p id="driver-drag-hint" className="nhsuk-body-s app-drag-hint">
          With a mouse or touch, drag the handle beside a driver or change idea to put it in a new place or under another driver. Press Escape to cancel a drag.
          To do it with the keyboard, choose Change beside it.
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="app-drag-status">
        {said && !said.error ? <p className="app-drag-status__text">{said.text}</p> : null}
      </div>
      <div role="alert" className="app-drag-alert">
        {said?.error ? <p className="nhsuk-error-message app-drag-status__text">{said.text}</p> : null}
      </div>
    </>
  );

  return { view, rowProps, handle, status, busy };
}
