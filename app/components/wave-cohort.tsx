// Waves as cohorts (ADR 110): the wave's sponsor and champions, its timeline of events beside the
// 20-week clock, each team's mission, quick wins and stories, and the fields of an event's form.
import { Link } from "@remix-run/react";
import { Checkboxes, DateInput, Radios, SummaryList, Tag, TextareaField, TextField, type AnyField } from "~/components/nhs";
import { markTimeline, WAVE_EVENT_KIND_LABELS, WAVE_EVENT_KINDS, type TimelineMark, type WaveEventKind } from "~/domain/cohort";
import { plural } from "~/domain/plural";
import { formatDay } from "~/web/dates";

export type TimelineEvent = {
  id: number;
  kind: WaveEventKind;
  heldOn: string;
  title: string;
  attendance: number | null;
  notes: string;
  attendees: readonly { userId: number; name: string }[];
};

const MARKS: Record<TimelineMark, { label: string; colour: "grey" | "blue" | "white" }> = {
  past: { label: "Held", colour: "grey" },
  next: { label: "Next", colour: "blue" },
  later: { label: "Planned", colour: "white" },
};

export function WaveTimeline({ events, today, editBase }: { events: readonly TimelineEvent[]; today: string; editBase: string | null }) {
  if (events.length === 0) {
    return <p className="app-muted">No events yet.{editBase ? " Log the launch, team conversations, checkpoints and the Pass it On event." : ""}</p>;
  }
  return (
    <ol className="app-wave-timeline" aria-label="The wave's events, in date order">
      {markTimeline(events, today).map((e) => (
        <li key={e.id} className={`app-wave-timeline__event app-wave-timeline__event--${e.mark}`}>
          <p className="app-wave-timeline__when">
            <Tag colour={MARKS[e.mark].colour}>{MARKS[e.mark].label}</Tag> {formatDay(e.heldOn)} · {WAVE_EVENT_KIND_LABELS[e.kind]}
          </p>
          <h3 className="nhsuk-heading-s app-wave-timeline__title">{editBase ? <Link to={`${editBase}/${e.id}`}>{e.title}</Link> : e.title}</h3>
          {e.attendance !== null ? <p className="nhsuk-u-margin-bottom-1">{plural(e.attendance, "person", "people")} attended</p> : null}
          {e.attendees.length ? <p className="nhsuk-u-margin-bottom-1">Named: {e.attendees.map((a) => a.name).join(", ")}</p> : null}
          {e.notes ? <p className="app-pre-line nhsuk-u-margin-bottom-1">{e.notes}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function WavePeople({
  sponsorName,
  champions,
}: {
  sponsorName: string | null;
  champions: readonly { userId: number; name: string; jobTitle: string }[];
}) {
  return (
    <SummaryList
      rows={[
        { key: "Executive sponsor", value: sponsorName ?? <span className="app-muted">Not named yet</span> },
        {
          key: "Champions",
          value: champions.length ? champions.map((c) => c.name).join(", ") : <span className="app-muted">None named yet</span>,
        },
      ]}
    />
  );
}

export type TeamSummary = {
  id: number;
  title: string;
  mission: string;
  quickWins: readonly { winId: number; title: string }[];
  stories: readonly { id: number; title: string; story: string }[];
};

/** Each team's mission, quick wins and outcome stories, on the wave's page. */
export function WaveTeams({ teams }: { teams: readonly TeamSummary[] }) {
  return (
    <div className="app-wave-teams">
      {teams.map((t) => (
        <section key={t.id} className="app-wave-team" aria-labelledby={`wave-team-${t.id}`}>
          <h3 className="nhsuk-heading-s" id={`wave-team-${t.id}`}>
            <Link to={`/projects/${t.id}/wave`}>{t.title}</Link>
          </h3>
          <p className="app-pre-line">{t.mission || <span className="app-muted">No mission recorded yet.</span>}</p>
          <p className="nhsuk-body-s">
            {plural(t.quickWins.length, "quick win")}
            {t.quickWins.length ? `: ${t.quickWins.map((q) => q.title).join("; ")}` : ""}
            {" · "}
            {plural(t.stories.length, "outcome story", "outcome stories")}
          </p>
        </section>
      ))}
    </div>
  );
}

export type WaveEventFieldSet = { kind: AnyField; heldOn: AnyField; title: AnyField; attendance: AnyField; attendeeIds: AnyField; notes: AnyField };

export const waveEventSummaryFields = ({ kind, heldOn, title, attendance, attendeeIds, notes }: WaveEventFieldSet) => ({
  kind,
  heldOn,
  title,
  attendance,
  attendeeIds,
  notes,
});

export function WaveEventFields({ fields, people, range }: { fields: WaveEventFieldSet; people: readonly { id: number; name: string }[]; range: string }) {
  return (
    <>
      <Radios field={fields.kind} legend="What kind of event" items={WAVE_EVENT_KINDS.map((k) => ({ value: k, label: WAVE_EVENT_KIND_LABELS[k] }))} />
      <DateInput field={fields.heldOn} legend="Date of the event" hint={`Between ${range}. For example, 15 3 2027`} />
      <TextField field={fields.title} label="Title" hint="For example, Wave 4 launch" width={30} />
      <TextField
        field={fields.attendance}
        label="Attendance (optional)"
        hint="The number of people who took part; leave it empty for an event still to come"
        width={4}
      />
      {people.length ? (
        <Checkboxes
          field={fields.attendeeIds}
          legend="Named attendees (optional)"
          hint="The wave's sponsor, champions and team members who were there"
          small
          items={people.map((p) => ({ value: String(p.id), label: p.name }))}
        />
      ) : null}
      <TextareaField field={fields.notes} label="Notes (optional)" hint="What happened and what was agreed. Do not include patient details" rows={4} />
    </>
  );
}
