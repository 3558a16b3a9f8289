// The diagram as pages draw it: the model's diagram with the aim as one sentence.
import type { DiagramView } from "~/components/driver-diagram";
import { formatDay } from "~/web/dates";
import { aimSentence } from "~/web/presentation";

type Aim = { aimWhat: string; aimForWhom: string; aimBaseline: number | null; aimTarget: number | null; aimTargetDate: string | null };

export function diagramView(d: { aim: Aim } & Omit<DiagramView, "aimText">): DiagramView {
  const aimText = d.aim.aimWhat.trim() ? aimSentence(d.aim, formatDay) : "No SMART aim yet: write it in the charter.";
  return { aimText, primaries: d.primaries, secondaries: d.secondaries, ideas: d.ideas, measures: d.measures };
}
