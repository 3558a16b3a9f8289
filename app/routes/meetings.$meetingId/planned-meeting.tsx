import { getFormProps } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { ActionsTable, type ActionView } from "~/components/meeting-actions";
import { MeetingAgenda } from "~/components/meeting-agenda";
import { Checkboxes, Details, WarningCallout } from "~/components/nhs";
import { detailsSummaryFields, MeetingDetailsFields } from "~/components/meeting-details-fields";
import { ActionForm } from "~/components/meeting-forms";
import { ClosingTheLoop } from "~/components/meeting-loop";
import { PiiConfirm } from "~/components/pii-confirm";
import { CloseSchema, DetailsSchema } from "~/forms/meeting-form";
import { closeProblems, type CloseProblem } from "~/domain/meeting-rules";
import { formatDay } from "~/web/dates";
import type { ActionResult } from "./action-result";
import type { loader } from "./route";

type Planned = Extract<SerializeFrom<typeof loader>, { kind: "planned" }>;

export function PlannedMeeting({ data, last }: { data: Planned; last: ActionResult | undefined }) {
  const { meeting, today, agenda, actions, loop, people, governors, agendaOptions, userId, canGovern } = data;
  const canComplete = (a: ActionView) => canGovern || a.ownerUserId === userId;
  const generalAction = last?.intent === "add-action" && last.itemId === undefined;
  const general = actions.filter((a) => a.projectId === null || !agenda.some((i) => i.projectId === a.projectId));
  return (
    <>
      <ClosingTheLoop actions={loop.actions} previousMeetingDate={loop.previousMeetingDate} today={today} canComplete={canComplete} />
      <MeetingAgenda
        meeting={meeting}
        agenda={agenda}
        actions={actions}
        people={people}
        agendaOptions={agendaOptions}
        canGovern={canGovern}
        canComplete={canComplete}
        today={today}
        last={last}
      />
      <section aria-labelledby="programme-actions" className="app-meeting-section">
        <h2 id="programme-actions">Programme actions</h2>
        {general.length ? (
          <ActionsTable caption="Actions not tied to a project on the agenda" actions={general} today={today} canComplete={canComplete} />
        ) : (
          <p className="app-muted">No programme-wide actions yet.</p>
        )}
        {canGovern ? (
          <Details summary="Add a programme-wide action" open={generalAction}>
            <ActionForm
              formId="action-programme"
              projectId={null}
              title={null}
              version={meeting.version}
              meetingDate={meeting.meetingDate}
              people={people}
              lastResult={generalAction ? last?.result : undefined}
              pii={Boolean(generalAction && last?.pii)}
            />
          </Details>
        ) : null}
      </section>
      {canGovern ? (
        <>
          <DetailsForm meeting={meeting} governors={governors} last={last?.intent === "details" ? last : undefined} />
          <CloseForm
            version={meeting.version}
            last={last?.intent === "close" ? last : undefined}
            problems={closeProblems(meeting.meetingDate, agenda, today, formatDay)}
          />
        </>
      ) : null}
    </>
  );
}

function DetailsForm({ meeting, governors, last }: { meeting: Planned["meeting"]; governors: Planned["governors"]; last: ActionResult | undefined }) {
  const [form, fields] = useNhsForm(DetailsSchema, last?.result, "meeting-details", {
    title: meeting.title,
    meetingDate: meeting.meetingDate,
    attendees: meeting.attendeeList.join("\n"),
  });
  return (
    <section aria-labelledby="details-title" className="app-meeting-section app-no-print">
      <Details summary={<span id="details-title">Change the title, date or attendees</span>} open={Boolean(last)}>
        <ConflictNotice conflict={last?.conflict} />
        <ErrorSummary form={form} fields={detailsSummaryFields(fields)} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="details" />
          <input type="hidden" name="version" value={meeting.version} />
          <MeetingDetailsFields fields={fields} people={governors} />
          <PiiConfirm show={Boolean(last?.pii)} />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Save the details
          </button>
        </Form>
      </Details>
    </section>
  );
}

function CloseForm({ version, last, problems }: { version: number; last: ActionResult | undefined; problems: CloseProblem[] }) {
  const [form, fields] = useNhsForm(CloseSchema, last?.result, "close-meeting");
  return (
    <section aria-labelledby="close-title" className="app-meeting-section app-no-print">
      <h2 id="close-title">Close the meeting</h2>
      <p>
        Closing freezes the board view as it stands now, with this meeting's decisions and actions, so the board can always see what it saw. The meeting can't
        be changed afterwards; its actions can still be marked done.
      </p>
      <p>
        A meeting can be closed once it has happened and every project on the agenda has a decision. If the board did not reach a project, defer it and give the
        reason in the notes.
      </p>
      {problems.length ? (
        <WarningCallout heading="Before you close the meeting">
          <ul className="nhsuk-list nhsuk-list--bullet">
            {problems.map((p) => (
              <li key={`${p.itemId ?? "meeting"}-${p.message}`}>{p.itemId ? <a href={`#item-${p.itemId}`}>{p.message}</a> : p.message}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      <ErrorSummary form={form} fields={{ confirm: fields.confirm }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="close" />
        <input type="hidden" name="version" value={version} />
        <Checkboxes field={fields.confirm} items={[{ value: "yes", label: "The board has finished this meeting" }]} />
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Close the meeting
        </button>
      </Form>
    </section>
  );
}
