import type { Rag, Stage } from "~/domain/enums";
import { RAG_LABELS, STAGE_LABELS } from "~/domain/labels";

const STAGE_COLOURS: Record<Stage, string> = {
  proposed: "nhsuk-tag--grey",
  approved: "nhsuk-tag--aqua-green",
  active: "nhsuk-tag--blue",
  sustaining: "nhsuk-tag--purple",
  closed: "nhsuk-tag--white",
  stopped: "nhsuk-tag--orange",
  declined: "nhsuk-tag--grey",
};

export function StageTag({ stage }: { stage: Stage }) {
  return <strong className={`nhsuk-tag ${STAGE_COLOURS[stage]}`}>{STAGE_LABELS[stage]}</strong>;
}

const RAG_COLOURS: Record<Rag, string> = { red: "nhsuk-tag--red", amber: "nhsuk-tag--yellow", green: "nhsuk-tag--green" };

/** Colour plus the word, so colour is never the only cue. */
export function RagTag({ rag }: { rag: Rag }) {
  return <strong className={`nhsuk-tag ${RAG_COLOURS[rag]}`}>{RAG_LABELS[rag]}</strong>;
}
