// Recording rare events (ADR 034): the date of one event, or many pasted at once, and the
// events recorded so far with the days between them. The measure's values (a g or t chart)
// are worked out from these dates.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { DateInput, ErrorSummaryBox, FormButtons, Table } from "~/components/nhs";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { FormToken } from "~/components/form-token";
import { PiiConfirm } from "~/components/pii-confirm";
import { formatDay } from "~/domain/calendar";
import { daysBetween } from "~/domain/event-intervals";
import { EventSchema } from "~/forms/measure-event-form";

export type EventRow = { id: number; eventDate: string; note: string };

export function MeasureEvents({
  name,
  base,
  events,
  result,
  pasteProblems,
  pasted,
  pii,
  showIntervalLink,
}: {
  name: string;
  base: string;
  events: readonly EventRow[];
  result: SubmissionResult<string[]> | null;
  pasteProblems: readonly string[];
  pasted: string;
  pii: boolean;
  showIntervalLink: boolean;
}) {
  const [form, fields] = useNhsForm(EventSchema, result, "event");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={{ eventDate: fields.eventDate, note: fields.note }} />
        {pasteProblems.length ? (
          <ErrorSummaryBox
            heading="The pasted dates need correcting"
            headingId="events-paste-title"
            errors={pasteProblems.map((text) => ({ text, href: "#dates" }))}
            focusKey={pasteProblems.join()}
          />
        ) : null}
        <span className="nhsuk-caption-m">{name}</span>
        <h2>Record an event</h2>
        <p>
          Enter the date of each event. The chart plots the days between each event and the one before it; the first event starts the count.
          {showIntervalLink ? (
            <>
              {" "}
              If you already have the days or opportunities between events, <Link to={`${base}/data?interval`}>add them as values instead</Link>.
            </>
          ) : null}
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="event" />
          <FormToken />
          <DateInput field={fields.eventDate} legend="Date of the event" />
          <TextareaField field={fields.note} label="Note (optional)" hint="Anything that explains this event, without patient details" rows={2} />
          <PiiConfirm show={pii} />
          <FormButtons submit="Record the event" cancelTo={base} />
        </Form>

        <h3>Paste the dates of several events</h3>
        <Form method="post">
          <input type="hidden" name="intent" value="events" />
          <FormToken />
          <div className={`nhsuk-form-group${pasteProblems.length ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="dates">
              Dates of the events, one a line
            </label>
            <div className="nhsuk-hint" id="dates-hint">
              Written 2025-03-14 or 14/03/2025, copied from a spreadsheet column. A note may follow a comma.
            </div>
            <textarea
              className={`nhsuk-textarea${pasteProblems.length ? " nhsuk-textarea--error" : ""}`}
              id="dates"
              name="dates"
              rows={6}
              spellCheck={false}
              aria-describedby="dates-hint"
              aria-invalid={pasteProblems.length > 0 || undefined}
              defaultValue={pasted}
            />
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Record these events
          </button>
        </Form>

        {events.length ? (
          <Table
            caption={`Events recorded (${events.length.toLocaleString("en-GB")})`}
            captionSize="s"
            rows={[...events].reverse()}
            rowKey={(e) => e.id}
            attributes={{ "data-measure": "events" }}
            columns={[
              { id: "date", header: "Date", rowHeader: true, cell: (e) => formatDay(e.eventDate) },
              {
                id: "days",
                header: "Days since the one before",
                numeric: true,
                cell: (e) => {
                  const i = events.findIndex((x) => x.id === e.id);
                  return i > 0 ? daysBetween(events[i - 1].eventDate, e.eventDate).toLocaleString("en-GB") : "The first: the count starts here";
                },
              },
              { id: "note", header: "Note", cell: (e) => e.note },
              {
                id: "delete",
                header: <span className="nhsuk-u-visually-hidden">Delete</span>,
                cell: (e) => (
                  <Link to={`${base}/data?deleteEvent=${e.id}`}>
                    Delete<span className="nhsuk-u-visually-hidden"> the event on {formatDay(e.eventDate)}</span>
                  </Link>
                ),
              },
            ]}
          />
        ) : (
          <p>No events are recorded yet.</p>
        )}
      </div>
    </div>
  );
}

export function ConfirmDeleteEvent({ name, base, event }: { name: string; base: string; event: EventRow }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-m">{name}</span>
        <h2>Delete the event on {formatDay(event.eventDate)}?</h2>
        {event.note ? <p>Note: {event.note}</p> : null}
        <p>The days between events are worked out again without it. The audit trail keeps a record of the deletion.</p>
        <Form method="post" action={`${base}/data`}>
          <input type="hidden" name="intent" value="delete-event" />
          <input type="hidden" name="eventId" value={event.id} />
          <FormButtons submit="Delete the event" cancelTo={`${base}/data`} cancelLabel="No, keep it" warning />
        </Form>
      </div>
    </div>
  );
}
