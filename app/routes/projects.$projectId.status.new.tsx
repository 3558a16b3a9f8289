import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AskFields, RadiosField } from "~/components/ask";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { DateInput, ErrorMessage, InsetText } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { RAGS } from "~/domain/enums";
import { askFields, askRow } from "~/forms/ask-form";
import { dayField } from "~/forms/day-field";
import { optionalText as optionalTextField, requiredText as requiredTextField } from "~/forms/text-field";
import { formatDay } from "~/web/dates";
import { notFound, parseId, requireProjectEditor } from "~/auth/guards.server";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { isAskablePerson, listAskablePeople } from "~/models/ask.server";
import { actorOf } from "~/auth/actor.server";
import { writeStatusReport } from "~/models/status-report-commands.server";
import { getStatusReport, listStatusReports } from "~/models/status-report.server";

export const meta: MetaFunction = () => [{ title: "Write a status report – Stepping Up" }];

const TEXT_MAX = 4000;
const MAX_ASKS = 10;
const requiredText = (missing: string, what: string) => requiredTextField(missing, { what, max: TEXT_MAX, multiline: true });
const optionalText = (what: string) => optionalTextField({ what, max: TEXT_MAX, multiline: true });

function reportSchema(day: string) {
  return z
    .object({
      reportDate: dayField({
        what: "The reporting date",
        required: "Enter the reporting date",
        notAfter: { day, message: "The reporting date must be today or in the past" },
      }),
      rag: z.enum(RAGS, { error: "Choose a RAG rating: green, amber or red" }),
      ragReason: optionalText("The reason"),
      progress: requiredText("Enter the progress since the last report", "Progress"),
      nextSteps: requiredText("Enter the next steps", "Next steps"),
      risks: optionalText("Risks and issues"),
      asks: z.array(askFields(day)).max(MAX_ASKS, `Write at most ${MAX_ASKS} asks in one report`).optional(),
      corrects: z.number().int().positive().optional(),
      [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
      [FORM_TOKEN_FIELD]: formToken(),
    })
    .strict()
    .refine((v) => !v.rag || v.rag === "green" || Boolean(v.ragReason), {
      path: ["ragReason"],
      error: (issue) => `Give the reason for the ${(issue.input as { rag: string }).rag} rating`,
      when: () => true,
    });
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const correctParam = new URL(request.url).searchParams.get("correct");
  const correcting = correctParam ? getStatusReport(db, projectId, parseId(correctParam, "report")) : null;
  if (correctParam && !correcting) notFound("report");
  const latest = listStatusReports(db, projectId)[0] ?? null;
  return {
    projectId,
    today: today(),
    people: listAskablePeople(db),
    latestDate: latest?.reportDate ?? null,
    correcting,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: reportSchema(today()) });
  // "Add an ask" and "Remove" buttons without JavaScript come here too: answer with the new form, no error.
  if (submission.status === undefined) return { result: submission.reply(), pii: false };
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const v = submission.value;
  const asks = v.asks ?? [];

  const freeText: Record<string, string> = {
    ragReason: v.ragReason ?? "",
    progress: v.progress,
    nextSteps: v.nextSteps,
    risks: v.risks ?? "",
  };
  asks.forEach((a, i) => (freeText[`asks[${i}].what`] = a.what));
  const warnings = patientDataWarning(freeText, formData);
  if (warnings) return data({ result: submission.reply({ fieldErrors: warnings }), pii: true }, { status: 400 });

  const unknownPeople = Object.fromEntries(
    asks.flatMap((a, i) =>
      a.addressee === "person" && a.addresseeUserId && !isAskablePerson(db, a.addresseeUserId)
        ? [[`asks[${i}].addresseeUserId`, ["Choose a person from the list"]]]
        : [],
    ),
  );
  if (Object.keys(unknownPeople).length) {
    return data({ result: submission.reply({ fieldErrors: unknownPeople }), pii: false }, { status: 400 });
  }
  const written = writeStatusReport(db, actorOf(user, context), {
    projectId,
    reportDate: v.reportDate,
    rag: v.rag,
    ragReason: v.ragReason ?? "",
    progress: v.progress,
    nextSteps: v.nextSteps,
    risks: v.risks ?? "",
    corrects: v.corrects,
    asks: asks.map(askRow),
    formToken: v.formToken,
    locate: (id) => `/projects/${projectId}/status/${id}?written=1`,
  });
  if (!written.ok) return data({ result: submission.reply(), pii: false }, { status: 400 });
  return redirect(written.value.location);
}

const RAG_OPTIONS = [
  { value: "green", label: "Green", hint: "On track: no help needed from the board." },
  { value: "amber", label: "Amber", hint: "Some problems: the team can recover, perhaps with help." },
  { value: "red", label: "Red", hint: "Off track: the board needs to act." },
];

export default function NewStatusReport() {
  const { projectId, today, people, latestDate, correcting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const schema = reportSchema(today);
  const [form, fields] = useNhsForm(schema, actionData?.result, "status-report", {
    reportDate: correcting?.reportDate ?? today,
    rag: correcting?.rag,
    ragReason: correcting?.ragReason,
    progress: correcting?.progress,
    nextSteps: correcting?.nextSteps,
    risks: correcting?.risks,
    asks: [],
  });
  const askList = fields.asks.getFieldList();
  const askSummaryFields = Object.fromEntries(
    askList.flatMap((item, i) => {
      const f = item.getFieldset();
      return [
        [`ask${i}what`, f.what],
        [`ask${i}addressee`, f.addressee],
        [`ask${i}person`, f.addresseeUserId],
        [`ask${i}due`, f.dueOn],
      ];
    }),
  );

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <p className="nhsuk-u-margin-bottom-2">
          <Link to={`/projects/${projectId}/status`}>All status reports</Link>
        </p>
        <ErrorSummary
          form={form}
          fields={{
            reportDate: fields.reportDate,
            rag: fields.rag,
            ragReason: fields.ragReason,
            progress: fields.progress,
            nextSteps: fields.nextSteps,
            risks: fields.risks,
            asks: fields.asks,
            ...askSummaryFields,
          }}
        />
        <h2>{correcting ? "Write a correction" : "Write a status report"}</h2>
        {correcting ? (
          <InsetText>
            <p>
              This starts from the report for {formatDay(correcting.reportDate)}. Your correction is saved as a new report; the original stays in the history
              exactly as it was written.
            </p>
          </InsetText>
        ) : latestDate ? (
          <p>The last report was for {formatDay(latestDate)}.</p>
        ) : (
          <p>This is the project&apos;s first status report.</p>
        )}
        <Form method="post" {...getFormProps(form)}>
          {/* Enter in a field saves the report, not the first list button below. */}
          <button type="submit" className="nhsuk-u-visually-hidden" tabIndex={-1} aria-hidden="true">
            Save status report
          </button>
          <FormToken />
          {correcting ? <input type="hidden" name="corrects" value={correcting.id} /> : null}
          <DateInput field={fields.reportDate} legend="Reporting date" hint="The date the report describes: today or earlier." />
          <RadiosField field={fields.rag} legend="How is the project going? (RAG rating)" options={RAG_OPTIONS} />
          <TextareaField
            field={fields.ragReason}
            label="Reason for the rating"
            hint="Needed for amber or red: what is wrong, and what would put it right."
            rows={3}
          />
          <TextareaField field={fields.progress} label="Progress since the last report" rows={5} />
          <TextareaField field={fields.nextSteps} label="Next steps" rows={4} />
          <TextareaField field={fields.risks} label="Risks and issues (optional)" hint="Leave blank if there are none." rows={4} />

          <h3>Asks of the board</h3>
          <p className="nhsuk-hint">
            Anything the team needs: a decision, money, staff time, or help to remove a barrier. Each ask is tracked until it is answered.
          </p>
          {fields.asks.errors?.length ? <ErrorMessage id={fields.asks.errorId}>{fields.asks.errors.join(". ")}</ErrorMessage> : null}
          {askList.length === 0 ? <p>No asks in this report.</p> : null}
          {askList.map((item, i) => (
            <fieldset key={item.key} className="nhsuk-fieldset app-record app-record--open">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Ask {i + 1}</legend>
              <AskFields fields={item.getFieldset()} people={people} />
              <button
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                {...form.remove.getButtonProps({ name: fields.asks.name, index: i })}
              >
                Remove ask {i + 1}
              </button>
            </fieldset>
          ))}
          {askList.length < MAX_ASKS ? (
            <button
              className="nhsuk-button nhsuk-button--secondary"
              {...form.insert.getButtonProps({ name: fields.asks.name, defaultValue: { addressee: "board" } })}
            >
              {askList.length === 0 ? "Add an ask" : "Add another ask"}
            </button>
          ) : null}

          <PiiConfirm show={Boolean(actionData?.pii)} />
          <InsetText>
            <p>A status report cannot be changed once it is saved. To put something right, write a correction.</p>
          </InsetText>
          <button className="nhsuk-button" type="submit">
            Save status report
          </button>
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
