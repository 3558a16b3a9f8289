import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AskFields, AskStateTag } from "~/components/ask";
import { ErrorSummary, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { askAgeDays, countWaitingAsks, isAskOverdue, isInHandAsk, isOpenAsk, waitingAsksText } from "~/domain/ask-rules";
import { canAnswerAsk } from "~/domain/permissions";
import { askRow, askShape, NAMES_THE_PERSON, namesThePerson } from "~/forms/ask-form";
import { formatDateTime, formatDay } from "~/web/dates";
import { requireProjectEditor, requireUser } from "~/auth/guards.server";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { listAskablePeople, listAskHistory, listProjectAskRecords } from "~/models/ask.server";
import { NOT_ASKABLE } from "~/domain/messages";
import { raiseAsk } from "~/models/ask-commands.server";
import { actorOf } from "~/auth/actor.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { Details, InsetText } from "~/components/nhs";
import { FormToken } from "~/components/form-token";
import { Comments } from "~/components/comments";
import { askCommentsData } from "~/models/comment.server";
import { nowMs } from "~/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Asks – ${data?.projectTitle ?? "Project"} – Stepping Up` }];

function raiseSchema(day: string) {
  return z
    .object({
      intent: z.literal("raise"),
      ...askShape(day),
      [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
      [FORM_TOKEN_FIELD]: formToken(),
    })
    .strict()
    .refine(namesThePerson, NAMES_THE_PERSON);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  const asks = listProjectAskRecords(db, projectId);
  const history = listAskHistory(
    db,
    asks.map((a) => a.id),
  );
  return {
    projectId,
    projectTitle: header.title,
    today: today(),
    people: listAskablePeople(db),
    asks: asks.map((a) => ({ ...a, history: history.get(a.id) ?? [], canAnswer: canAnswerAsk(user, a) })),
    comments: askCommentsData(db, user, projectId, nowMs()),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: raiseSchema(today()) });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const row = askRow(submission.value);
  const warnings = patientDataWarning({ what: row.what }, formData);
  if (warnings) return data({ result: submission.reply({ fieldErrors: warnings }), pii: true }, { status: 400 });
  const raised = raiseAsk(db, actorOf(user, context), {
    projectId,
    ...row,
    formToken: submission.value.formToken,
    locate: (askId) => `/projects/${projectId}/asks?raised=${askId}#ask-${askId}`,
  });
  if (!raised.ok) {
    const fieldErrors = { addresseeUserId: ["refused" in raised ? raised.refused : NOT_ASKABLE] };
    return data({ result: submission.reply({ fieldErrors }), pii: false }, { status: 400 });
  }
  return redirect(raised.value.location);
}

const daysText = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

export default function ProjectAsks() {
  const { projectId, today, people, asks, comments } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const schema = raiseSchema(today);
  // A new form (empty fields) after each ask is raised.
  const [form, fields] = useNhsForm(schema, actionData?.result, `raise-ask-${params.get("raised") ?? ""}`);
  const raised = asks.find((a) => String(a.id) === params.get("raised"));

  return (
    <>
      <h2>Asks</h2>
      <p>
        What the team needs from the programme board or a named person, and their answers: you said, we did. Asks are also raised in{" "}
        <Link to={`/projects/${projectId}/status`}>status reports</Link>.
      </p>
      {raised ? (
        <InsetText role="status">
          <p>
            Ask raised. {raised.addressee === "board" ? "The programme board" : raised.addresseeName} will see it in{" "}
            <Link to="/asks">the list of open asks</Link>.
          </p>
        </InsetText>
      ) : null}
      {asks.length === 0 ? (
        <InsetText>
          <p>
            No asks yet.{" "}
            {permissions.edit
              ? "If the team needs a decision, money, staff time or help with a barrier, raise an ask below."
              : "When the team needs something from the board, its asks and the answers appear here."}
          </p>
        </InsetText>
      ) : (
        <p id="asks-waiting">
          <strong>{waitingAsksText(countWaitingAsks(asks))}</strong>
          {asks.some(isInHandAsk) ? `; ${asks.filter(isInHandAsk).length} accepted and still to resolve` : ""}.
        </p>
      )}
      {asks.length === 0
        ? null
        : asks.map((a) => (
            <article key={a.id} id={`ask-${a.id}`} className={`app-record${isOpenAsk(a.state) ? " app-record--open" : ""}`}>
              <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                <AskStateTag state={a.state} /> <span className="app-pre-line">{a.what}</span>
              </h3>
              <p className="app-record__meta">
                To {a.addressee === "board" ? "the programme board" : a.addresseeName}
                {a.dueOn ? `, answer needed by ${formatDay(a.dueOn)}` : ""}
                {isAskOverdue(a, today) ? " (overdue)" : ""}. Raised by {a.raisedByName ?? "—"} on {formatDay(a.raisedOn)}
                {a.reportDate ? (
                  <>
                    {" in the "}
                    <Link to={`/projects/${projectId}/status/${a.statusReportId}`}>status report for {formatDay(a.reportDate)}</Link>
                  </>
                ) : null}
                {isOpenAsk(a.state) ? `; open for ${daysText(askAgeDays(a.raisedOn, today))}` : ""}.
              </p>
              {a.response ? (
                <p className="app-pre-line">
                  <strong>Response{a.answeredByName ? ` from ${a.answeredByName}` : ""}:</strong> {a.response}
                </p>
              ) : (
                <p className="app-muted">No response yet.</p>
              )}
              {a.canAnswer && isOpenAsk(a.state) ? (
                <p>
                  <Link to={`/asks?project=${projectId}#ask-${a.id}`}>Answer this ask</Link>
                </p>
              ) : null}
              {a.history.length > 1 ? (
                <Details summary="History of this ask">
                  <ul className="app-history">
                    {a.history.map((h, i) => (
                      <li key={i}>
                        {formatDateTime(h.at)} — {h.who}: {h.summary}
                      </li>
                    ))}
                  </ul>
                </Details>
              ) : null}
              <Comments
                projectId={projectId}
                target="ask"
                targetId={a.id}
                comments={comments.byAsk[a.id] ?? []}
                canComment={comments.canComment}
                people={comments.people}
                level={3}
              />
            </article>
          ))}

      {permissions.edit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h2>Raise an ask</h2>
            <ErrorSummary
              form={form}
              fields={{
                what: fields.what,
                addressee: fields.addressee,
                addresseeUserId: fields.addresseeUserId,
                dueOn: fields.dueOn,
              }}
            />
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="raise" />
              <FormToken />
              <AskFields fields={fields} people={people} />
              <PiiConfirm show={Boolean(actionData?.pii)} />
              <button className="nhsuk-button" type="submit">
                Raise ask
              </button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
