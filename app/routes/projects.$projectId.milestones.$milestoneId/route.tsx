import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { InsetText, SummaryList } from "~/components/nhs";
import { MilestoneStatusTag } from "~/components/plan-strip";
import type { Conflict } from "~/domain/conflict";
import type { CommandResult } from "~/models/command.server";
import { getDb } from "~/db.server";
import { describeSlip, milestoneStatus, slipDays } from "~/domain/milestone-rules";
import { actorOf } from "~/auth/actor.server";
import { formatDateTime, formatDay } from "~/web/dates";
import { badRequest, notFound, parseId, requireProjectEditor, requireUser } from "~/auth/guards.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { today } from "~/today.server";
import { deleteMilestone, rebaselineMilestone, updateMilestone } from "~/models/milestone-commands.server";
import { getMilestone, listMilestoneAudit, listMilestoneChanges } from "~/models/milestone.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { MilestoneForms } from "./milestone-forms";
import { canEditProject } from "~/domain/permissions";
import { isOnProjectTeam } from "~/models/team.server";
import { listPeopleToChoose } from "~/models/people.server";
import { MilestoneHistory } from "./milestone-history";
import { DeleteSchema, rebaselineSchema, updateSchema, type ActionResult } from "./schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.milestone.title ?? "Milestone"} – Milestones – Stepping Up`,
  },
];

async function loadMilestone(params: LoaderFunctionArgs["params"]) {
  const projectId = parseId(params.projectId, "project");
  const milestoneId = parseId(params.milestoneId, "milestone");
  const milestone = getMilestone(getDb(), projectId, milestoneId);
  if (!milestone) notFound("milestone");
  return { projectId, milestone };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { projectId, milestone } = await loadMilestone(params);
  const db = getDb();
  return {
    projectId,
    milestone,
    // Only those who may update the milestone get the list of people to choose an owner from.
    people: canEditProject(user, isOnProjectTeam(db, projectId, user.id)) ? listPeopleToChoose(db) : [],
    changes: listMilestoneChanges(db, [milestone.id]),
    audit: listMilestoneAudit(db, projectId, milestone.id),
    today: today(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const { milestone } = await loadMilestone(params);
  const db = getDb();
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ref = { projectId, milestoneId: milestone.id };
  const page = `/projects/${projectId}/milestones/${milestone.id}`;
  const fail = (body: ActionResult, status: number) => data(body, { status });
  /** The command's answer: a conflict is the 409 view, a milestone gone meanwhile a 404, success the next page. */
  const reply = <T,>(intent: ActionResult["intent"], result: SubmissionResult<string[]>, saved: CommandResult<T, Conflict>, next: (value: T) => string) => {
    if ("conflict" in saved) return fail({ intent, result, conflict: saved.conflict }, 409);
    if (!saved.ok) notFound("milestone");
    return redirect(next(saved.value));
  };

  if (intent === "update") {
    const schema = updateSchema({ today: today(), currentForecast: milestone.forecastDate });
    const submission = parseSubmission(formData, { schema });
    if (submission.status !== "success") return fail({ intent, result: submission.reply() }, 400);
    const v = submission.value;
    const values = {
      title: v.title,
      owner: v.owner ?? "",
      ownerUserId: v.ownerUserId ?? null,
      forecastDate: v.forecastDate,
      completedOn: v.completedOn ?? null,
    };
    const forecastReason = v.forecastReason ?? "";
    const warnings = patientDataWarning({ title: values.title, owner: values.owner, forecastReason }, formData);
    if (warnings) return fail({ intent, result: submission.reply({ fieldErrors: warnings }), pii: true }, 400);
    const saved = updateMilestone(db, actor, { ...ref, version: v.version, values, forecastReason });
    if (!saved.ok && "refused" in saved && saved.status === 400) {
      return fail({ intent, result: submission.reply({ fieldErrors: { ownerUserId: [saved.refused] } }) }, 400);
    }
    return reply(intent, submission.reply(), saved, ({ changed }) => (changed ? `${page}?saved=1` : page));
  }

  if (intent === "rebaseline") {
    const schema = rebaselineSchema({ currentBaseline: milestone.baselineDate });
    const submission = parseSubmission(formData, { schema });
    if (submission.status !== "success") return fail({ intent, result: submission.reply() }, 400);
    const { version, baselineDate, reason } = submission.value;
    const warnings = patientDataWarning({ reason }, formData);
    if (warnings) return fail({ intent, result: submission.reply({ fieldErrors: warnings }), pii: true }, 400);
    const saved = rebaselineMilestone(db, actor, { ...ref, version, baselineDate, reason });
    return reply(intent, submission.reply(), saved, () => `${page}?rebaselined=1`);
  }

  if (intent === "delete") {
    const submission = parseSubmission(formData, { schema: DeleteSchema });
    if (submission.status !== "success") badRequest("That request was not understood. Reload the page and try again.");
    const deleted = deleteMilestone(db, actor, { ...ref, version: submission.value.version });
    return reply(intent, submission.reply(), deleted, () => `/projects/${projectId}/milestones?deleted=1`);
  }

  badRequest("That request was not understood.");
}

export default function MilestonePage() {
  const { projectId, milestone: m, people, changes, audit, today } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const removal = actionData?.intent === "delete" ? actionData : undefined;
  const base = `/projects/${projectId}/milestones`;
  const slip = slipDays(m);
  const confirmingDelete = params.has("delete") || Boolean(removal);

  return (
    <>
      <p className="nhsuk-u-margin-bottom-2">
        <Link to={base}>All milestones</Link>
      </p>
      <h2>
        {m.title} <MilestoneStatusTag status={milestoneStatus(m, today)} />
      </h2>
      {params.has("saved") || params.has("rebaselined") ? (
        <InsetText role="status">
          <p>{params.has("saved") ? "Milestone saved." : "Milestone re-baselined. The change and its reason are in the history below."}</p>
        </InsetText>
      ) : null}
      <SummaryList
        rows={[
          { key: "Owner", value: m.owner || <span className="app-muted">Not recorded</span> },
          { key: "Baseline", value: formatDay(m.baselineDate) },
          { key: "Forecast", value: formatDay(m.forecastDate) },
          { key: "Slip", value: describeSlip(slip) },
          {
            key: "Completed",
            value: m.completedOn ? formatDay(m.completedOn) : <span className="app-muted">Not yet</span>,
          },
          {
            key: "Last changed",
            value: `${formatDateTime(m.updatedAt)}${m.updatedByName ? ` by ${m.updatedByName}` : ""}`,
          },
        ]}
      />

      <MilestoneForms m={m} people={people} today={today} base={base} permissions={permissions} confirmingDelete={confirmingDelete} actionData={actionData} />
      <MilestoneHistory changes={changes} audit={audit} />
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
