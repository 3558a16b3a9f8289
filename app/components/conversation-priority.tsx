// A Big Conversation priority as the board tracks it: assurance, owner, themes and action plan counts.
import { Link } from "@remix-run/react";
import { Tag, type TagColour } from "~/components/nhs";
import type { AssuranceIcon } from "~/domain/enums";
import { NOT_ASSESSED, PRIORITY_ASSURANCE_LABELS } from "~/domain/conversation-rules";

const ASSURANCE_TAGS: Record<AssuranceIcon, TagColour> = { consistent_pass: "green", inconsistent: "yellow", consistent_fail: "red" };

export function AssuranceTag({ level }: { level: AssuranceIcon | null }) {
  return level ? <Tag colour={ASSURANCE_TAGS[level]}>{PRIORITY_ASSURANCE_LABELS[level]}</Tag> : <Tag colour="grey">{NOT_ASSESSED}</Tag>;
}

export const ASSURANCE_OPTIONS = [
  { value: "none", label: NOT_ASSESSED },
  { value: "consistent_pass", label: PRIORITY_ASSURANCE_LABELS.consistent_pass },
  { value: "inconsistent", label: PRIORITY_ASSURANCE_LABELS.inconsistent },
  { value: "consistent_fail", label: PRIORITY_ASSURANCE_LABELS.consistent_fail },
];

/** The board's one-line view of the programme's priorities, with a link to their plans. */
export function PrioritiesPanel({ priorities }: { priorities: { id: number; title: string; assurance: AssuranceIcon | null; overdue: number }[] }) {
  if (!priorities.length) return null;
  return (
    <section aria-labelledby="conversation-priorities-heading" className="nhsuk-u-margin-top-5">
      <h2 id="conversation-priorities-heading" className="nhsuk-heading-s">
        Big Conversation priorities
      </h2>
      <ul className="nhsuk-list">
        {priorities.map((p) => (
          <li key={p.id}>
            <Link to={`/conversations/priorities#priority-${p.id}`}>{p.title}</Link> <AssuranceTag level={p.assurance} />
            {p.overdue ? (
              <Tag colour="red" className="nhsuk-u-margin-left-2">
                {p.overdue} overdue
              </Tag>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
