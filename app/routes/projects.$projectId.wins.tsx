import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { parseSubmission } from "~/forms/submission.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  ConfirmWinSchema,
  DismissWinSchema,
  RECORD_FORM_ID,
  RecordWinForm,
  RecordWinSchema,
  suggestionFormId,
  WinSuggestionCard,
  type WinFormResult,
} from "~/components/win-forms";
import { WinList } from "~/components/win-list";
import { Details, ErrorSummaryBox, InsetText } from "~/components/nhs";
import { STAGE_LABELS } from "~/domain/labels";
import { canEditProject, canGovern } from "~/domain/permissions";
import { suggestWins } from "~/domain/win-suggestions";
import { badRequest, forbidden } from "~/auth/guards.server";
import { requireProjectRecord } from "~/auth/project-page.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { today } from "~/today.server";
import { actorOf } from "~/auth/actor.server";
import type { Refused } from "~/models/command.server";
import { confirmWin, dismissWin, recordWin } from "~/models/win-commands.server";
import { getWinEvidence, listProjectWins } from "~/models/win.server";
import { useProjectLayout } from "~/routes/projects.$projectId";

export const meta: MetaFunction = () => [{ title: "Wins – Stepping Up" }];

/** The project's evidence for wins; its team records them, and the board may too, to celebrate what it sees. */
async function requireWins({ request, context, params }: LoaderFunctionArgs) {
  const page = await requireProjectRecord(request, context, params.projectId, (db, id) => getWinEvidence(db, id, today()));
  return { ...page, canRecord: canEditProject(page.user, page.onTeam()) || canGovern(page.user) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { db, projectId, found: evidence, canRecord } = await requireWins(args);
  return {
    wins: listProjectWins(db, projectId),
    suggestions: canRecord ? suggestWins(evidence) : [],
    canRecord,
    stage: evidence.stage,
  };
}

const SAVED_MESSAGES = {
  recorded: "Win recorded. Well done to the team.",
  dismissed: "Suggestion dismissed. It will not be suggested again.",
} as const;

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const { user, projectId, db, canRecord } = await requireWins(args);
  if (!canRecord) forbidden(user, context, "record wins on this project", projectId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const actor = actorOf(user, context);
  const back = `/projects/${projectId}/wins`;

  if (intent === "record") {
    const submission = parseSubmission(formData, { schema: RecordWinSchema });
    const fail = (pii = false) => data<WinFormResult>({ formId: RECORD_FORM_ID, result: submission.reply(), pii }, { status: 400 });
    if (submission.status !== "success") return fail();
    const { title, description = "" } = submission.value;
    const pii = patientDataWarning({ title, description }, formData);
    if (pii) return data<WinFormResult>({ formId: RECORD_FORM_ID, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const location = `${back}?saved=recorded`;
    const recorded = recordWin(db, actor, {
      projectId,
      title,
      description,
      formToken: submission.value.formToken,
      location,
    });
    if (!recorded.ok) return fail();
    return redirect(recorded.value.location);
  }

  if (intent !== "confirm" && intent !== "dismiss") badRequest("That request was not understood.");
  const schema = intent === "confirm" ? ConfirmWinSchema : DismissWinSchema;
  const submission = parseSubmission(formData, { schema });
  const ref = String(formData.get("evidenceRef") ?? "");
  const formId = suggestionFormId(ref);
  const reply = (result = submission.reply(), status = 400, pii = false) => data<WinFormResult>({ formId, result, pii }, { status });
  if (submission.status !== "success") return reply();

  const suggested = { projectId, evidenceRef: ref, today: today() };
  let done;
  if (submission.value.intent === "dismiss") done = dismissWin(db, actor, suggested);
  else {
    const { title, description = "" } = submission.value;
    const pii = patientDataWarning({ title, description }, formData);
    if (pii) return reply(submission.reply({ fieldErrors: pii }), 400, true);
    done = confirmWin(db, actor, { ...suggested, title, description });
  }
  if (!done.ok) {
    const { refused, status } = done as Refused;
    return reply(submission.reply({ formErrors: [refused] }), status);
  }
  return redirect(`${back}?saved=${submission.value.intent === "dismiss" ? "dismissed" : "recorded"}`);
}

export default function ProjectWins() {
  const { wins, suggestions, canRecord, stage } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const { project } = useProjectLayout();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const message = saved === "recorded" || saved === "dismissed" ? SAVED_MESSAGES[saved] : null;
  // A result for a suggestion no longer on the page (someone else got there first) is shown here.
  const orphan =
    last && last.formId !== RECORD_FORM_ID && !suggestions.some((s) => suggestionFormId(s.evidenceRef) === last.formId)
      ? [...new Set(Object.values(last.result.error ?? {}).flatMap((m) => m ?? []))]
      : [];

  return (
    <>
      <h2>Wins</h2>
      <p>Celebrate success: each win is linked to its evidence, so the programme can see what changed and how we know.</p>
      {message ? (
        <InsetText role="status">
          <p>{message}</p>
        </InsetText>
      ) : null}
      {orphan.length ? <ErrorSummaryBox headingId="win-problem-title" errors={orphan.map((text) => ({ text }))} focusKey={orphan.join()} /> : null}

      {canRecord ? (
        <section aria-labelledby="suggested-wins">
          <h3 id="suggested-wins">Suggested wins</h3>
          {suggestions.length ? (
            <>
              <p>
                Stepping Up found this evidence in the project&apos;s workbook. Confirm a win to share it with the programme, or dismiss it if it is not one.
              </p>
              {suggestions.map((s) => (
                <WinSuggestionCard key={s.evidenceRef} suggestion={s} last={last} />
              ))}
            </>
          ) : stage === "approved" || stage === "active" || stage === "sustaining" ? (
            <p className="app-muted">
              Nothing to confirm just now. A win is suggested when a measure shows special cause improvement, a milestone is completed or a PDSA cycle decides
              to adopt a change: keep the <Link to="../measures">measures</Link>, <Link to="../milestones">milestones</Link> and{" "}
              <Link to="../pdsa">PDSA cycles</Link> up to date.
            </p>
          ) : (
            <p className="app-muted">This project is {STAGE_LABELS[stage].toLowerCase()}, so no new wins are suggested. You can still record one below.</p>
          )}
          <Details summary="Record another win" open={last?.formId === RECORD_FORM_ID}>
            <RecordWinForm last={last} />
          </Details>
        </section>
      ) : null}

      <section aria-labelledby="recorded-wins">
        <h3 id="recorded-wins">Wins recorded</h3>
        {wins.length ? (
          <WinList wins={wins} headingLevel={4} />
        ) : (
          <p className="app-muted">
            No wins recorded for {project.title} yet.
            {canRecord
              ? " Confirm a suggested win above, or record one when the team achieves something worth sharing."
              : " The project team records wins as its measures improve and its changes are adopted."}
          </p>
        )}
      </section>
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
