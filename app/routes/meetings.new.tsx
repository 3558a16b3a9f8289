import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { BackLink, Checkboxes, ErrorMessage, Fieldset, Hint } from "~/components/nhs";
import { detailsSummaryFields, MeetingDetailsFields } from "~/components/meeting-details-fields";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { mergeAttendees } from "~/domain/meeting-rules";
import { canGovern } from "~/domain/permissions";
import { requirePermission } from "~/auth/guards.server";
import { NewMeetingSchema } from "~/forms/meeting-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { createMeeting } from "~/models/meeting-commands.server";
import { listGovernors, peopleByIds, projectsInProgramme, suggestedAgenda } from "~/models/meeting.server";
import { freshProgramme } from "~/models/programme.server";
import { FormToken } from "~/components/form-token";
import { boardMeetingTitle } from "~/domain/wave-label";

export const meta: MetaFunction = () => [{ title: "Plan a board meeting – Stepping Up" }];

const WHAT = "plan board meetings";

function suggestions() {
  const db = getDb();
  const programme = freshProgramme(db, today());
  return { db, programme, suggested: suggestedAgenda(db, programme.id) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canGovern, WHAT);
  const { db, programme, suggested } = suggestions();
  return { suggested, people: listGovernors(db), defaultTitle: boardMeetingTitle(programme.name) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canGovern, WHAT);
  const { db, programme, suggested } = suggestions();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: NewMeetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const v = submission.value;
  const fieldErrors: Record<string, string[]> = {};
  const chosenIds = [...new Set(v.attendeeIds ?? [])];
  const chosen = peopleByIds(db, chosenIds);
  if (chosen.length !== chosenIds.length) fieldErrors.attendeeIds = ["Choose people from the list"];
  const projectIds = [...new Set(v.projectIds ?? [])];
  const found = projectsInProgramme(db, programme.id, projectIds);
  if (found.length !== projectIds.length) fieldErrors.projectIds = ["Choose projects from the list"];
  if (Object.keys(fieldErrors).length) return data({ result: submission.reply({ fieldErrors }), pii: false }, { status: 400 });
  const attendees = mergeAttendees(
    v.attendees ?? "",
    chosenIds.map((id) => chosen.find((p) => p.id === id)!.name),
  ).join("; ");
  const pii = patientDataWarning({ title: v.title, attendees }, formData);
  if (pii) return data({ result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });

  // The suggested order first (most flags first), then anything else chosen.
  const picked = new Set(projectIds);
  const items = [
    ...suggested.filter((s) => picked.has(s.projectId)).map((s) => ({ projectId: s.projectId, reasonSuggested: s.reason })),
    ...projectIds.filter((id) => !suggested.some((s) => s.projectId === id)).map((id) => ({ projectId: id, reasonSuggested: "" })),
  ];
  const once = { userId: user.id, kind: "meeting", token: v.formToken };
  const meeting = { programmeId: programme.id, title: v.title, meetingDate: v.meetingDate, attendees, items, once };
  const { location } = valueOf(createMeeting(db, actorOf(user, context), meeting));
  return redirect(location);
}

const AGENDA_HINT =
  "Suggested from the board: projects that need attention (the most urgent first), then those the board has gone longest without reviewing. The most urgent few are ticked; tick any others the board should discuss. You can add, remove and reorder projects until the meeting closes.";

export default function NewMeeting() {
  const { suggested, people, defaultTitle } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [form, fields] = useNhsForm(NewMeetingSchema, last?.result, "new-meeting", {
    title: defaultTitle,
    projectIds: suggested.filter((s) => s.preselected).map((s) => String(s.projectId)),
  });
  const agendaInvalid = Boolean(fields.projectIds.errors?.length);
  const hintId = `${fields.projectIds.id}-hint`;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/meetings">Back to board meetings</BackLink>
        <ErrorSummary form={form} fields={{ ...detailsSummaryFields(fields), projectIds: fields.projectIds }} />
        <h1>Plan a board meeting</h1>
        <Form method="post" {...getFormProps(form)}>
          <FormToken />
          <MeetingDetailsFields fields={fields} people={people} />
          {suggested.length ? (
            <Checkboxes
              field={fields.projectIds}
              legend="Agenda"
              legendSize="m"
              hint={AGENDA_HINT}
              items={suggested.map((s) => ({ value: String(s.projectId), label: s.title, hint: s.reason }))}
            />
          ) : (
            <div className={`nhsuk-form-group${agendaInvalid ? " nhsuk-form-group--error" : ""}`}>
              <Fieldset legend="Agenda" legendSize="m" describedBy={hintId}>
                <Hint id={hintId}>{AGENDA_HINT}</Hint>
                {agendaInvalid ? <ErrorMessage id={fields.projectIds.errorId}>{fields.projectIds.errors?.join(". ")}</ErrorMessage> : null}
                <p className="app-muted">No project needs attention and every project has been reviewed recently. Add projects to the agenda after you save.</p>
              </Fieldset>
            </div>
          )}
          <PiiConfirm show={Boolean(last?.pii)} />
          <button className="nhsuk-button" type="submit">
            Save the meeting
          </button>
        </Form>
      </div>
    </div>
  );
}
