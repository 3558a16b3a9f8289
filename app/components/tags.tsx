import { Tag, type TagColour } from "~/components/nhs";
import type { Rag, Stage } from "~/domain/enums";
import { RAG_LABELS, STAGE_LABELS } from "~/domain/labels";

const STAGE_COLOURS: Record<Stage, TagColour> = {
  proposed: "grey",
  approved: "aqua-green",
  active: "blue",
  sustaining: "purple",
  closed: "white",
  stopped: "orange",
  declined: "grey",
};

export function StageTag({ stage }: { stage: Stage }) {
  return <Tag colour={STAGE_COLOURS[stage]}>{STAGE_LABELS[stage]}</Tag>;
}

const RAG_COLOURS: Record<Rag, TagColour> = { red: "red", amber: "yellow", green: "green" };

/** Colour plus the word, so colour is never the only cue. */
export function RagTag({ rag }: { rag: Rag }) {
  return <Tag colour={RAG_COLOURS[rag]}>{RAG_LABELS[rag]}</Tag>;
}
