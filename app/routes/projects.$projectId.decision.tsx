import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { ConflictNotice } from "~/components/conflict-notice";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { PersonSelectField } from "~/components/person-select";
import { ErrorSummaryBox, InsetText } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { StageTag } from "~/components/tags";
import { availableActions, listOfLeads, missingRequiredLeads, mayTakeAction, STAGE_ACTIONS, type StageAction } from "~/domain/charter-rules";
import { REQUIRED_LEAD_ROLES } from "~/domain/enums";
import { STAGE_LABELS, TEAM_ROLE_LABELS } from "~/domain/labels";
import { canEditProject, canGovern } from "~/domain/permissions";
import { LONG_TEXT, optionalId, strictForm, version } from "~/forms/charter-form";
import { requiredText } from "~/forms/text-field";
import { buildConflict, type Conflict } from "~/domain/conflict";
import { forbidden } from "~/auth/guards.server";
import { requireProjectRecord } from "~/auth/project-page.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { actorOf } from "~/auth/actor.server";
import { refusal } from "~/web/command-reply.server";
import { getProjectState } from "~/models/charter.server";
import { decideStage, refuseStageAction, type StageDecision } from "~/models/project-stage-commands.server";
import { getAssignablePerson, listAssignablePeople, listCurrentTeam } from "~/models/team-edit.server";
import { similarToProject } from "~/models/learning.server";
import { SimilarProjectList } from "~/components/similar-projects";

export const meta: MetaFunction = () => [{ title: "Decisions – Stepping Up" }];

type RequiredLead = (typeof REQUIRED_LEAD_ROLES)[number];
const LEAD_FIELDS: Record<RequiredLead, "executiveLeadId" | "operationalLeadId" | "clinicalLeadId"> = {
  executive_lead: "executiveLeadId",
  operational_lead: "operationalLeadId",
  clinical_lead: "clinicalLeadId",
};

const ApproveSchema = strictForm({
  intent: z.literal("approve"),
  version: version(),
  executiveLeadId: optionalId("Choose an executive lead from the list"),
  operationalLeadId: optionalId("Choose an operational lead from the list"),
  clinicalLeadId: optionalId("Choose a clinical lead from the list"),
});
const DeclineSchema = strictForm({
  intent: z.literal("decline"),
  version: version(),
  reason: requiredText("Enter the reason for declining the proposal", {
    what: "The reason",
    max: LONG_TEXT,
    multiline: true,
  }),
});
const StopSchema = strictForm({
  intent: z.literal("stop"),
  version: version(),
  reason: requiredText("Enter the reason for stopping the project", {
    what: "The reason",
    max: LONG_TEXT,
    multiline: true,
  }),
});
const MoveSchema = strictForm({ intent: z.enum(["start", "sustain"]), version: version() });

const SCHEMAS = {
  approve: ApproveSchema,
  decline: DeclineSchema,
  stop: StopSchema,
  start: MoveSchema,
  sustain: MoveSchema,
};
type FormIntent = keyof typeof SCHEMAS;

async function requireDecider({ request, context, params }: LoaderFunctionArgs) {
  const { user, projectId, db, found: project, onTeam } = await requireProjectRecord(request, context, params.projectId, getProjectState);
  const rights = { edit: canEditProject(user, onTeam()), govern: canGovern(user) };
  if (!rights.edit && !rights.govern) forbidden(user, context, "make decisions on this project", projectId);
  return { user, projectId, project, rights, db };
}

export async function loader(args: LoaderFunctionArgs) {
  const { projectId, project, rights, db } = await requireDecider(args);
  const team = listCurrentTeam(db, projectId);
  const leads = Object.fromEntries(REQUIRED_LEAD_ROLES.map((r) => [LEAD_FIELDS[r], String(team.find((m) => m.role === r)?.userId ?? "")]));
  return {
    project: { stage: project.stage, stageReason: project.stageReason, version: project.version },
    actions: availableActions(project.stage, rights),
    leads,
    missing: missingRequiredLeads(team.map((m) => m.role)),
    people: rights.govern ? listAssignablePeople(db) : [],
    // A duplicate proposal is spotted before approval.
    similar: project.stage === "proposed" ? similarToProject(db, projectId) : [],
  };
}

type ActionResult = {
  intent: FormIntent | null;
  result: SubmissionResult<string[]> | null;
  version: number | null;
  pii: boolean;
  conflict: Conflict | null;
  message: string | null;
};

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const { user, projectId, rights, db } = await requireDecider(args);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const postedVersion = Number(formData.get("version")) || null;
  const reply = (extra: Partial<ActionResult>, status: number) =>
    data<ActionResult>({ intent: null, result: null, version: postedVersion, pii: false, conflict: null, message: null, ...extra }, { status });
  if (!(intent in SCHEMAS)) return reply({ message: "That decision was not understood. Reload the page and try again" }, 400);
  const action = intent as FormIntent;
  if (!mayTakeAction(action, rights)) {
    refuseStageAction(db, actorOf(user, context), { projectId, action });
    return reply({ message: `Only the programme board or an administrator can ${STAGE_ACTIONS[action].label.toLowerCase()}` }, 400);
  }
  const submission = parseSubmission(formData, { schema: SCHEMAS[action] });
  if (submission.status !== "success") return reply({ intent: action, result: submission.reply() }, 400);
  const value = submission.value as { version: number; reason?: string } & Partial<Record<(typeof LEAD_FIELDS)[RequiredLead], number>>;

  // Approval may name the required leads in the same step.
  const team = listCurrentTeam(db, projectId);
  const assignments: StageDecision["assignments"] = [];
  const leadErrors: Record<string, string[]> = {};
  if (action === "approve") {
    for (const role of REQUIRED_LEAD_ROLES) {
      const chosen = value[LEAD_FIELDS[role]];
      const holder = team.find((m) => m.role === role);
      if (chosen === undefined) {
        if (!holder) leadErrors[LEAD_FIELDS[role]] = [`Choose ${listOfLeads([role])}`];
        continue;
      }
      const person = getAssignablePerson(db, chosen);
      if (!person) leadErrors[LEAD_FIELDS[role]] = [`Choose ${listOfLeads([role])} from the list`];
      else if (holder?.userId !== person.id) assignments.push({ role, userId: person.id, name: person.name });
    }
    if (Object.keys(leadErrors).length) return reply({ intent: action, result: submission.reply({ fieldErrors: leadErrors }) }, 400);
  }
  const reason = value.reason ?? "";
  const pii = patientDataWarning({ reason }, formData);
  if (pii) return reply({ intent: action, result: submission.reply({ fieldErrors: pii }), pii: true }, 400);

  const decided = decideStage(db, actorOf(user, context), {
    projectId,
    action,
    version: value.version,
    reason,
    assignments,
  });
  if (decided.ok) return redirect(`/projects/${projectId}`);
  if ("refused" in decided) {
    if (decided.status !== 400) refusal(decided);
    return reply({ intent: action, result: submission.reply({ formErrors: [decided.refused] }) }, 400);
  }
  const current = decided.conflict;
  const conflict = buildConflict({
    changedBy: current.updatedByName,
    changedAt: current.updatedAt,
    currentVersion: current.version,
    current: { stage: STAGE_LABELS[current.stage], stageReason: current.stageReason },
    submitted: { stage: STAGE_LABELS[STAGE_ACTIONS[action].to], stageReason: reason },
    labels: { stage: "Stage", stageReason: "Reason" },
  });
  return reply({ intent: action, result: submission.reply(), version: current.version, conflict }, 409);
}

const HINTS: Partial<Record<StageAction, string>> = {
  start: "The team has started work: planning, baseline data and the first PDSA cycles.",
  sustain: "The changes are in place; the team now checks that the gain holds.",
};

export default function Decisions() {
  const { project, actions, leads, missing, people, similar } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const version = result?.version ?? project.version;
  const lastFor = (intent: FormIntent) => (result?.intent === intent ? result.result : null);
  const openedLeads = useMemo<SubmissionResult<string[]>>(() => ({ initialValue: leads }), [leads]);
  const [approveForm, approveFields] = useNhsForm(ApproveSchema, lastFor("approve") ?? openedLeads, "approve");
  const [declineForm, declineFields] = useNhsForm(DeclineSchema, lastFor("decline"), "decline");
  const [stopForm, stopFields] = useNhsForm(StopSchema, lastFor("stop"), "stop");
  const [moveForm] = useNhsForm(MoveSchema, lastFor("start") ?? lastFor("sustain"), "move");
  const versionInput = <input type="hidden" name="version" value={version} />;
  const canClose = (STAGE_ACTIONS.close.from as readonly string[]).includes(project.stage) && actions.includes("close");

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={result?.conflict} />
        {result?.message ? (
          <ErrorSummaryBox headingId="decision-error-title" focusKey={result.message}>
            <p>{result.message}</p>
          </ErrorSummaryBox>
        ) : null}
        <h2>Decisions</h2>
        <p>
          This project is <StageTag stage={project.stage} />.
        </p>
        {actions.length === 0 ? (
          <InsetText>
            <p>
              {project.stage === "proposed"
                ? "The programme board decides on proposals. While it waits, fill in the charter and name the team."
                : project.stage === "approved" || project.stage === "active" || project.stage === "sustaining"
                  ? "There is nothing for you to decide at this stage. The programme board stops or closes projects."
                  : `This project is ${STAGE_LABELS[project.stage].toLowerCase()}: there are no more decisions to make.`}
            </p>
          </InsetText>
        ) : null}

        {similar.length > 0 ? (
          <section aria-labelledby="similar-title">
            <h3 id="similar-title">Similar projects</h3>
            <p>Check this proposal does not repeat one of these, open or closed.</p>
            <SimilarProjectList projects={similar} headingId="similar-title" />
          </section>
        ) : null}
        {actions.includes("approve") ? (
          <section aria-labelledby="approve-title">
            <h3 id="approve-title">Approve the proposal</h3>
            <ErrorSummary
              form={approveForm}
              fields={{
                executiveLeadId: approveFields.executiveLeadId,
                operationalLeadId: approveFields.operationalLeadId,
                clinicalLeadId: approveFields.clinicalLeadId,
              }}
            />
            <p>
              An approved project needs an executive lead, an operational lead and a clinical lead.
              {missing.length === REQUIRED_LEAD_ROLES.length
                ? " Choose them below."
                : missing.length
                  ? ` This proposal still needs ${listOfLeads(missing)}.`
                  : " All three are named; you can change them here."}
            </p>
            <Form method="post" {...getFormProps(approveForm)}>
              <input type="hidden" name="intent" value="approve" />
              {versionInput}
              {REQUIRED_LEAD_ROLES.map((role) => (
                <PersonSelectField key={role} field={approveFields[LEAD_FIELDS[role]]} label={TEAM_ROLE_LABELS[role]} people={people} />
              ))}
              <button className="nhsuk-button" type="submit">
                Approve
              </button>
            </Form>
          </section>
        ) : null}

        {actions.includes("decline") ? (
          <section aria-labelledby="decline-title">
            <h3 id="decline-title">Decline the proposal</h3>
            <ErrorSummary form={declineForm} fields={{ reason: declineFields.reason }} />
            <Form method="post" {...getFormProps(declineForm)}>
              <input type="hidden" name="intent" value="decline" />
              {versionInput}
              <TextareaField field={declineFields.reason} label="Reason" hint="The proposer reads this: say why, and where else the idea could go" />
              <PiiConfirm show={Boolean(result?.pii && result.intent === "decline")} />
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                Decline
              </button>
            </Form>
          </section>
        ) : null}

        {actions.includes("start") || actions.includes("sustain") ? (
          <section>
            <ErrorSummary form={moveForm} fields={{}} />
            {(["start", "sustain"] as const)
              .filter((a) => actions.includes(a))
              .map((a) => (
                <div key={a}>
                  <h3>{STAGE_ACTIONS[a].label}</h3>
                  <p>{HINTS[a]}</p>
                  <Form method="post" {...getFormProps(moveForm)}>
                    <input type="hidden" name="intent" value={a} />
                    {versionInput}
                    <button className="nhsuk-button" type="submit">
                      {STAGE_ACTIONS[a].label}
                    </button>
                  </Form>
                </div>
              ))}
          </section>
        ) : null}

        {canClose ? (
          <section aria-labelledby="close-title">
            <h3 id="close-title">Close the project</h3>
            <p>Closing asks for a closure summary: whether the aim was achieved, what was adopted, how the gain is sustained and the lessons for others.</p>
            <Link className="nhsuk-button nhsuk-button--secondary" to="../close">
              Write the closure summary
            </Link>
          </section>
        ) : null}

        {actions.includes("stop") ? (
          <section aria-labelledby="stop-title">
            <h3 id="stop-title">Stop the project</h3>
            <ErrorSummary form={stopForm} fields={{ reason: stopFields.reason }} />
            <Form method="post" {...getFormProps(stopForm)}>
              <input type="hidden" name="intent" value="stop" />
              {versionInput}
              <TextareaField field={stopFields.reason} label="Reason for stopping" hint="What happens to the work, and who takes it on" />
              <PiiConfirm show={Boolean(result?.pii && result.intent === "stop")} />
              <button className="nhsuk-button nhsuk-button--warning" type="submit">
                Stop the project
              </button>
            </Form>
          </section>
        ) : null}
        <p>
          <Link to="..">Back to the project overview</Link>
        </p>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
