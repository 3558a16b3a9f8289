import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AskStateTag, RadiosField } from "~/components/ask";
import { ConflictNotice } from "~/components/conflict-notice";
import { FilterSelect } from "~/components/list-controls";
import { Details, InsetText, Tag } from "~/components/nhs";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { PiiConfirm } from "~/components/pii-confirm";
import { DoneNotice } from "~/components/done-notice";
import { getDb } from "~/db.server";
import {
  ASK_OUTCOME_LABELS,
  ASK_OUTCOME_PAST,
  ASK_OUTCOMES,
  ASK_TRANSITIONS,
  askAgeDays,
  excerpt,
  isAskOverdue,
  isInHandAsk,
  isWaitingAsk,
  waitingAsksText,
} from "~/domain/ask-rules";
import type { AskState } from "~/domain/enums";
import { canAnswerAsk } from "~/domain/permissions";
import type { Conflict } from "~/domain/conflict";
import { formatDay } from "~/web/dates";
import { requiredText } from "~/forms/text-field";
import { badRequest, forbidden, notFound, parseId, requireUser } from "~/auth/guards.server";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import { getAsk, listOpenAskFilterOptions, listOpenAsks } from "~/models/ask.server";
import { answerAsk } from "~/models/ask-commands.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Asks – Stepping Up" }];

const RESPONSE_MAX = 2000;

const AnswerSchema = z
  .object({
    intent: z.literal("answer"),
    askId: z.number().int().positive(),
    version: z.number({ error: "Reload the page and try again" }).int().positive(),
    outcome: z.enum(ASK_OUTCOMES, { error: "Choose your answer" }),
    response: requiredText("Enter your response: what will be done, what was done, or why not", {
      what: "The response",
      max: RESPONSE_MAX,
      multiline: true,
    }),
    [PII_CONFIRM_FIELD]: z.literal("yes").optional(),
  })
  .strict();

/** ?to=board | me | <user id> and ?project=<id>; anything else is ignored. */
const Filters = z.object({
  to: z
    .string()
    .regex(/^(board|me|[1-9]\d{0,15})$/)
    .optional()
    .catch(undefined),
  project: z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .optional()
    .catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const programme = getProgramme(db);
  const to = filters.to === "board" ? { board: true as const } : filters.to ? { userId: filters.to === "me" ? user.id : Number(filters.to) } : undefined;
  const asks = listOpenAsks(db, {
    programmeId: programme.id,
    to,
    projectId: filters.project ? Number(filters.project) : undefined,
  });
  return {
    me: { id: user.id, name: user.name },
    filters: { to: filters.to ?? "", project: filters.project ?? "" },
    options: listOpenAskFilterOptions(db, programme.id),
    today: today(),
    asks: asks.map((a) => ({ ...a, canAnswer: canAnswerAsk(user, a) })),
  };
}

type ActionResult = {
  askId: number;
  result: SubmissionResult<string[]>;
  conflict?: Conflict;
  pii?: boolean;
  done?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const formData = await request.formData();
  if (formData.get("intent") !== "answer") badRequest("That request was not understood.");
  const ask = getAsk(db, parseId(String(formData.get("askId") ?? ""), "ask"));
  if (!ask) notFound("ask");
  if (!canAnswerAsk(user, ask)) forbidden(user, context, "answer this ask", ask.projectId);

  const submission = parseSubmission(formData, { schema: AnswerSchema });
  const fail = (body: Omit<ActionResult, "askId">, status: number) => data({ askId: ask.id, ...body } as ActionResult, { status });
  if (submission.status !== "success") return fail({ result: submission.reply() }, 400);
  const { version, outcome, response } = submission.value;
  const warnings = patientDataWarning({ response }, formData);
  if (warnings) return fail({ result: submission.reply({ fieldErrors: warnings }), pii: true }, 400);

  const answered = answerAsk(db, actorOf(user, context), { askId: ask.id, version, outcome, response });
  if ("conflict" in answered) return fail({ result: submission.reply(), conflict: answered.conflict }, 409);
  if (!answered.ok) return fail({ result: submission.reply({ formErrors: [answered.refused] }) }, answered.status);
  const verb = ASK_OUTCOME_PAST[outcome].toLowerCase();
  return {
    askId: ask.id,
    result: submission.reply({ resetForm: true }),
    done: `You ${verb} the ask "${excerpt(ask.what)}". The team sees your response on its project page.`,
  } satisfies ActionResult;
}

const daysText = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

function AnswerForm({ ask, lastResult }: { ask: { id: number; state: AskState; version: number; what: string }; lastResult?: ActionResult }) {
  const mine = lastResult?.askId === ask.id && !lastResult.done ? lastResult : undefined;
  const [form, fields] = useNhsForm(AnswerSchema, mine?.result, `answer-${ask.id}`);
  const options = ASK_TRANSITIONS[ask.state].map((o) => ({ value: o, ...ASK_OUTCOME_LABELS[o] }));
  return (
    <Details
      className="nhsuk-u-margin-bottom-0"
      open={Boolean(mine)}
      summary={
        <>
          Answer this ask<span className="nhsuk-u-visually-hidden">: {excerpt(ask.what, 60)}</span>
        </>
      }
    >
      <ConflictNotice conflict={mine?.conflict} />
      <ErrorSummary form={form} fields={{ outcome: fields.outcome, response: fields.response }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="askId" value={ask.id} />
        <input type="hidden" name="version" value={mine?.conflict?.currentVersion ?? ask.version} />
        <RadiosField field={fields.outcome} legend="Your answer" options={options} />
        <TextareaField field={fields.response} label="Response" hint="In words the team can act on. It is shown on the project's page." rows={3} />
        <PiiConfirm show={Boolean(mine?.pii)} />
        <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
          Save answer
        </button>
      </Form>
    </Details>
  );
}

type ListedAsk = ReturnType<typeof useLoaderData<typeof loader>>["asks"][number];

function AskRecord({ ask: a, today, actionData }: { ask: ListedAsk; today: string; actionData: ActionResult | undefined }) {
  return (
    <article id={`ask-${a.id}`} className="app-record app-record--open">
      <p className="app-record__meta nhsuk-u-margin-bottom-1">
        <Link to={`/projects/${a.projectId}/asks#ask-${a.id}`}>{a.projectTitle}</Link>
      </p>
      <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
        <AskStateTag state={a.state} /> <span className="app-pre-line">{a.what}</span>
      </h3>
      <p className="app-record__meta">
        To {a.addressee === "board" ? "the programme board" : a.addresseeName}. Raised by {a.raisedByName ?? "—"} on {formatDay(a.raisedOn)}:{" "}
        <strong>{daysText(askAgeDays(a.raisedOn, today))} old</strong>
        {a.dueOn ? `. Answer needed by ${formatDay(a.dueOn)}` : ""}
        {isAskOverdue(a, today) ? (
          <>
            {" "}
            <Tag colour="red">Overdue</Tag>
          </>
        ) : null}
        {a.reportDate ? (
          <>
            {". From the "}
            <Link to={`/projects/${a.projectId}/status/${a.statusReportId}`}>status report for {formatDay(a.reportDate)}</Link>
          </>
        ) : null}
        .
      </p>
      {a.response ? (
        <p className="app-pre-line">
          <strong>Response{a.answeredByName ? ` from ${a.answeredByName}` : ""}:</strong> {a.response}
        </p>
      ) : null}
      {a.canAnswer ? <AnswerForm key={`${a.id}-${a.version}`} ask={a} lastResult={actionData} /> : null}
    </article>
  );
}

export default function Asks() {
  const { me, filters, options, today, asks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const filtered = Boolean(filters.to || filters.project);
  const waiting = asks.filter(isWaitingAsk);
  const inHand = asks.filter(isInHandAsk);
  const personOptions = options.people.filter((p) => p.id !== me.id);
  if (filters.to && /^\d+$/.test(filters.to) && !personOptions.some((p) => String(p.id) === filters.to) && filters.to !== String(me.id)) {
    personOptions.push({ id: Number(filters.to), name: "The person chosen" });
  }

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Asks</h1>
          <p>
            What project teams need from the programme board or a named person, oldest first. Each answer is shown on the project&apos;s page: you said, we did.
          </p>
        </div>
      </div>
      <DoneNotice message={actionData?.done} />
      <p>
        <Link to="?to=me">My asks</Link> (addressed to you by name) · <Link to="?to=board">Asks of the programme board</Link>
      </p>
      <Form method="get" className="nhsuk-u-margin-bottom-4" role="search" aria-label="Filter asks">
        <div className="app-definition-grid">
          <FilterSelect
            id="to"
            name="to"
            label="Addressed to"
            value={filters.to}
            all="Anyone"
            options={[
              { value: "board", label: "The programme board" },
              { value: "me", label: `Me (${me.name})` },
              ...personOptions.map((p) => ({ value: String(p.id), label: p.name })),
            ]}
          />
          <FilterSelect
            id="project"
            name="project"
            label="Project"
            value={filters.project}
            all="All projects"
            options={options.projects.map((p) => ({ value: String(p.id), label: p.title }))}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Apply filters
        </button>
      </Form>

      <h2 id="waiting-asks">
        {waitingAsksText(waiting.length)}
        {filters.to === "me" ? " addressed to you" : filters.to === "board" ? " of the programme board" : ""}
      </h2>
      {asks.length === 0 ? (
        <InsetText>
          <p>
            {filtered ? (
              <>
                No open asks match these filters. <Link to="/asks">Show all open asks</Link>.
              </>
            ) : (
              "No open asks. When a project team asks the board or a named person for something, it appears here until it is answered."
            )}
          </p>
        </InsetText>
      ) : waiting.length === 0 ? (
        <p className="app-muted">Every ask here has an answer. Accepted asks stay below until they are resolved.</p>
      ) : (
        waiting.map((a) => <AskRecord key={a.id} ask={a} today={today} actionData={actionData} />)
      )}
      {inHand.length ? (
        <>
          <h2 id="accepted-asks">
            {inHand.length} accepted {inHand.length === 1 ? "ask" : "asks"} to resolve
          </h2>
          <p>Answered and in hand: resolve each one when it is done, saying what was done.</p>
          {inHand.map((a) => (
            <AskRecord key={a.id} ask={a} today={today} actionData={actionData} />
          ))}
        </>
      ) : null}
    </>
  );
}
