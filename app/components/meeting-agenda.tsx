// A planned meeting's agenda: each project with why it is there, the board's view, decision and actions.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { ErrorSummary, SelectField, useNhsForm } from "~/components/forms";
import { ActionsTable, type ActionView } from "~/components/meeting-actions";
import { ActionForm, ReviewForm } from "~/components/meeting-forms";
import { RagTag } from "~/components/tags";
import type { MeetingDecision, Rag } from "~/domain/enums";
import { DECISION_LABELS } from "~/domain/meeting-rules";
import { formatDateTime } from "~/web/dates";
import { AddItemSchema } from "~/forms/meeting-form";
import { Details, SummaryList } from "~/components/nhs";

type Last = { intent: string; itemId?: number; result?: SubmissionResult<string[]>; pii?: boolean } | undefined;

export type AgendaItemView = {
  id: number;
  projectId: number;
  title: string;
  reasonSuggested: string;
  decision: MeetingDecision | null;
  notes: string;
  assessment: { rag: Rag; reason: string; comment: string; at: string | number | Date; byName: string | null } | null;
};

export function AssessmentAndDecision({ item }: { item: AgendaItemView }) {
  return (
    <SummaryList
      className="app-meeting-record"
      rows={[
        {
          key: "Board's view",
          value: item.assessment ? (
            <>
              <RagTag rag={item.assessment.rag} /> <span className="app-pre-line">{item.assessment.reason}</span>
              {item.assessment.comment ? (
                <span className="app-pre-line nhsuk-body-s">
                  <br />
                  {item.assessment.comment}
                </span>
              ) : null}
              <span className="nhsuk-body-s app-muted">
                <br />
                {item.assessment.byName ?? "Unknown"}, {formatDateTime(item.assessment.at)}
              </span>
            </>
          ) : (
            <span className="app-muted">Not recorded at this meeting</span>
          ),
        },
        {
          key: "Decision",
          value: (
            <>
              {item.decision ? <strong>{DECISION_LABELS[item.decision]}</strong> : <span className="app-muted">No decision yet</span>}
              {item.notes ? <p className="app-pre-line nhsuk-u-margin-bottom-0">{item.notes}</p> : null}
            </>
          ),
        },
      ]}
    />
  );
}

function MoveButtons({ item, index, count, version }: { item: AgendaItemView; index: number; count: number; version: number }) {
  const button = (intent: string, label: string, extra?: { name: string; value: string }) => (
    <Form method="post" className="app-inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="version" value={version} />
      {extra ? <input type="hidden" name={extra.name} value={extra.value} /> : null}
      <button className="app-button--link" type="submit">
        {label}
        <span className="nhsuk-u-visually-hidden">: {item.title}</span>
      </button>
    </Form>
  );
  const canRemove = !item.decision && !item.assessment;
  const controls = [
    index > 0 ? button("move-item", "Move up", { name: "direction", value: "up" }) : null,
    index < count - 1 ? button("move-item", "Move down", { name: "direction", value: "down" }) : null,
    canRemove ? button("remove-item", "Remove from the agenda") : null,
  ].filter(Boolean);
  if (controls.length === 0) return null;
  return (
    <div className="app-meeting-item__controls app-no-print">
      {controls.map((control, i) => (
        <span key={i}>
          {i > 0 ? " · " : null}
          {control}
        </span>
      ))}
    </div>
  );
}

export function MeetingAgenda({
  meeting,
  agenda,
  actions,
  people,
  agendaOptions,
  canGovern,
  canComplete,
  today,
  last,
}: {
  meeting: { id: number; version: number; meetingDate: string };
  agenda: AgendaItemView[];
  actions: ActionView[];
  people: { id: number; name: string }[];
  agendaOptions: { id: number; title: string }[];
  canGovern: boolean;
  canComplete: (a: ActionView) => boolean;
  today: string;
  last: Last;
}) {
  const mine = (intent: string, itemId: number) => (last?.intent === intent && last.itemId === itemId ? last : undefined);
  return (
    <section aria-labelledby="agenda" className="app-meeting-section">
      <h2 id="agenda">Agenda</h2>
      {agenda.length === 0 ? (
        <p className="app-muted">Nothing on the agenda yet.{canGovern ? " Add a project below." : ""}</p>
      ) : (
        <ol className="app-meeting-agenda">
          {agenda.map((item, index) => {
            const itemActions = actions.filter((a) => a.projectId === item.projectId);
            const review = mine("review", item.id);
            const action = mine("add-action", item.id);
            return (
              <li key={item.id} id={`item-${item.id}`} className="app-meeting-item">
                <h3 className="nhsuk-heading-m">
                  <Link to={`/projects/${item.projectId}`}>{item.title}</Link>
                </h3>
                {item.reasonSuggested ? (
                  <p className="nhsuk-body-s">
                    <strong>Why it is on the agenda:</strong> {item.reasonSuggested}
                  </p>
                ) : null}
                {canGovern ? <MoveButtons item={item} index={index} count={agenda.length} version={meeting.version} /> : null}
                <AssessmentAndDecision item={item} />
                {itemActions.length ? (
                  <ActionsTable caption={`Actions for ${item.title}`} actions={itemActions} today={today} canComplete={canComplete} showProject={false} />
                ) : null}
                {canGovern ? (
                  <>
                    <Details
                      className="app-no-print"
                      open={Boolean(review)}
                      summary={
                        <>
                          {item.decision ? "Change" : "Record"} the board's view and decision
                          <span className="nhsuk-u-visually-hidden"> on {item.title}</span>
                        </>
                      }
                    >
                      <ReviewForm
                        itemId={item.id}
                        title={item.title}
                        version={meeting.version}
                        decision={item.decision}
                        notes={item.notes}
                        hasAssessment={Boolean(item.assessment)}
                        lastResult={review?.result}
                        pii={Boolean(review?.pii)}
                      />
                    </Details>
                    <Details
                      className="app-no-print"
                      open={Boolean(action)}
                      summary={
                        <>
                          Add an action<span className="nhsuk-u-visually-hidden"> for {item.title}</span>
                        </>
                      }
                    >
                      <ActionForm
                        formId={`action-${item.id}`}
                        projectId={item.projectId}
                        title={item.title}
                        version={meeting.version}
                        meetingDate={meeting.meetingDate}
                        people={people}
                        lastResult={action?.result}
                        pii={Boolean(action?.pii)}
                      />
                    </Details>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {canGovern ? <AddToAgenda options={agendaOptions} version={meeting.version} last={last?.intent === "add-item" ? last : undefined} /> : null}
    </section>
  );
}

function AddToAgenda({ options, version, last }: { options: { id: number; title: string }[]; version: number; last: Last }) {
  const [form, fields] = useNhsForm(AddItemSchema, last?.result, "add-item");
  if (options.length === 0) return <p className="app-muted">Every project is already on the agenda.</p>;
  return (
    <div className="app-no-print">
      <ErrorSummary form={form} fields={{ projectId: fields.projectId }} />
      <Form method="post" {...getFormProps(form)} aria-label="Add a project to the agenda">
        <input type="hidden" name="intent" value="add-item" />
        <input type="hidden" name="version" value={version} />
        <SelectField
          field={fields.projectId}
          label="Add a project to the agenda"
          placeholder="Choose a project"
          options={options.map((o) => ({ value: String(o.id), label: o.title }))}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Add to the agenda
        </button>
      </Form>
    </div>
  );
}
