// What a 409 carries: who changed the record and when, and their saved values beside yours.
import { formatDateTime } from "~/domain/calendar";

export type ConflictField = { name: string; label: string; theirs: string; yours: string };
export type Conflict = { message: string; currentVersion: number; fields: ConflictField[] };

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (Array.isArray(value)) return value.map(show).join(", ");
  return String(value);
};

export function buildConflict(opts: {
  changedBy: string | null;
  changedAt: Date | number | string | null;
  currentVersion: number;
  current: Record<string, unknown>;
  submitted: Record<string, unknown>;
  labels: Record<string, string>;
}): Conflict {
  const fields = Object.entries(opts.labels)
    .map(([name, label]) => ({ name, label, theirs: show(opts.current[name]), yours: show(opts.submitted[name]) }))
    .filter((f) => f.theirs !== f.yours);
  const who = opts.changedBy ?? "someone else";
  const when = opts.changedAt ? ` at ${formatDateTime(opts.changedAt)}` : "";
  return {
    message: `This was changed by ${who}${when} since you opened it. Nothing of theirs or yours has been lost: compare the two versions below, then save again to keep yours.`,
    currentVersion: opts.currentVersion,
    fields,
  };
}

/** "title; aim target: 40 → 60" for the audit trail. */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>, labels: Record<string, string>): string {
  const parts: string[] = [];
  for (const [name, label] of Object.entries(labels)) {
    const a = show(before[name]);
    const b = show(after[name]);
    if (a === b) continue;
    parts.push(a.length + b.length <= 60 ? `${label}: ${a} → ${b}` : label);
  }
  return parts.length ? parts.join("; ") : "no visible change";
}
