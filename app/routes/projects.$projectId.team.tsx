import { parseFields } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorMessage, ErrorSummaryBox, InsetText, Table } from "~/components/nhs";
import { listOfLeads, missingRequiredLeads, mayVacateLead } from "~/domain/charter-rules";
import { LEAD_ROLES, type TeamRole } from "~/domain/enums";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { canManageTeam } from "~/domain/permissions";
import { forbidden, notFound } from "~/auth/guards.server";
import { requireProjectRecord } from "~/auth/project-page.server";
import { actorOf } from "~/auth/actor.server";
import type { Refused } from "~/models/command.server";
import { addTeamMember, assignTeamLead, removeTeamMember, vacateTeamLead } from "~/models/team-commands.server";
import { getProjectState } from "~/models/charter.server";
import { isProjectLead } from "~/models/team.server";
import { listAssignablePeople, listCurrentTeam } from "~/models/team-edit.server";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { PersonPicker } from "~/components/person-select";
import { useSavedKey } from "~/components/nhs/reset-after-save";
import { teamTrainedShares } from "~/models/capability.server";
import { getProgramme } from "~/models/programme.server";
import { describeShare } from "~/domain/capability";

type LeadRole = (typeof LEAD_ROLES)[number];

export const meta: MetaFunction = () => [{ title: "Project team – Stepping Up" }];

const personId = z.coerce.number({ error: "Choose a person from the list" }).int().positive("Choose a person from the list");
const holder = z.union([z.literal(""), z.coerce.number().int().positive()]);

const TeamAction = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("lead"), role: z.enum(LEAD_ROLES), userId: personId, current: holder }),
  z.strictObject({ intent: z.literal("vacate"), role: z.enum(LEAD_ROLES), current: holder }),
  z.strictObject({ intent: z.literal("add-member"), userId: personId, [FORM_TOKEN_FIELD]: formToken() }),
  z.strictObject({ intent: z.literal("remove-member"), teamRowId: z.coerce.number().int().positive() }),
]);

/** Admins and the project's leads manage its team. */
async function requireTeamManager({ request, context, params }: LoaderFunctionArgs) {
  const { user, projectId, db, found: project } = await requireProjectRecord(request, context, params.projectId, getProjectState);
  if (!canManageTeam(user, isProjectLead(db, projectId, user.id))) {
    forbidden(user, context, "change this project's team", projectId);
  }
  return { user, projectId, project, db };
}

export async function loader(args: LoaderFunctionArgs) {
  const { projectId, project, db } = await requireTeamManager(args);
  const team = listCurrentTeam(db, projectId);
  return {
    stage: project.stage,
    team,
    people: listAssignablePeople(db),
    missing: missingRequiredLeads(team.map((m) => m.role)),
    trained: teamTrainedShares(db, getProgramme(db).id, projectId)[0] ?? null,
  };
}

type Outcome = { ok: boolean; message: string; role?: TeamRole | "member" };

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const { user, projectId, db } = await requireTeamManager(args);
  const formData = await request.formData();
  const parsed = parseFields(formData, TeamAction);
  const form = Object.fromEntries(formData);
  const fail = (message: string, role?: Outcome["role"], status = 400) => data<Outcome>({ ok: false, message, role }, { status });
  if (!parsed.success) {
    const role = LEAD_ROLES.find((r) => r === form.role) ?? (form.intent === "add-member" ? "member" : undefined);
    const noPerson = parsed.error.issues.some((i) => i.path[0] === "userId");
    return fail(noPerson ? "Choose a person from the list" : "That change was not understood. Reload the page and try again", role);
  }
  const input = parsed.data;
  const actor = actorOf(user, context);
  const refusal = (result: { refused: string; status: number }, role: Outcome["role"]) => fail(result.refused, role, result.status);

  if (input.intent === "lead" || input.intent === "vacate") {
    const label = TEAM_ROLE_LABELS[input.role].toLowerCase();
    const change = { projectId, role: input.role, current: input.current };
    const done = input.intent === "vacate" ? vacateTeamLead(db, actor, change) : assignTeamLead(db, actor, { ...change, userId: input.userId });
    if (!done.ok) return refusal(done as Refused, input.role);
    const message = input.intent === "vacate" ? `${done.value.name} is no longer the ${label}.` : `${done.value.name} is now the ${label}.`;
    return { ok: true, message, role: input.role } satisfies Outcome;
  }

  if (input.intent === "add-member") {
    const location = `/projects/${projectId}/team`;
    const added = addTeamMember(db, actor, { projectId, userId: input.userId, formToken: input.formToken, location });
    if (!added.ok) return refusal(added as Refused, "member");
    if (added.value.replayed) return redirect(added.value.location);
    return { ok: true, message: `${added.value.name} has joined the team.`, role: "member" } satisfies Outcome;
  }

  const removed = removeTeamMember(db, actor, { projectId, teamRowId: input.teamRowId });
  if (!removed.ok) notFound("team member");
  const row = removed.value;
  // Someone who removed themselves may no longer be allowed on this page.
  if (row.userId === user.id && !canManageTeam(user, isProjectLead(db, projectId, user.id))) {
    return redirect(`/projects/${projectId}`);
  }
  return { ok: true, message: `${row.name} has left the team.`, role: "member" } satisfies Outcome;
}

/** A lead row's picker, labelled for screen readers (the row header names the role). */
function LeadPicker({ id, label, people, defaultValue, error }: { id: string; label: string; people: Person[]; defaultValue?: number; error: string | null }) {
  return (
    <>
      <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor={id}>
        {label}
      </label>
      <PersonPicker
        id={id}
        name="userId"
        people={people}
        defaultValue={defaultValue ? String(defaultValue) : ""}
        placeholder="Choose a person"
        invalid={Boolean(error)}
        describedBy={error ? `${id}-error` : undefined}
        inline
      />
    </>
  );
}

type Person = { id: number; name: string; jobTitle: string };

/** Assign, change or remove the holder of a lead role. */
function LeadChange({
  role,
  holder,
  people,
  mayVacate,
  error,
}: {
  role: LeadRole;
  holder?: { userId: number; name: string };
  people: Person[];
  mayVacate: boolean;
  error: string | null;
}) {
  const label = TEAM_ROLE_LABELS[role];
  return (
    <>
      {error ? <ErrorMessage id={`person-${role}-error`}>{error}</ErrorMessage> : null}
      <Form method="post" className="app-inline-form">
        <input type="hidden" name="intent" value="lead" />
        <input type="hidden" name="role" value={role} />
        <input type="hidden" name="current" value={holder?.userId ?? ""} />
        <LeadPicker id={`person-${role}`} label={label} people={people} defaultValue={holder?.userId} error={error} />{" "}
        <button className="app-button--link" type="submit">
          {holder ? "Change" : "Assign"}
          <span className="nhsuk-u-visually-hidden"> the {label.toLowerCase()}</span>
        </button>
      </Form>
      {holder && mayVacate ? (
        <Form method="post" className="app-inline-form">
          <input type="hidden" name="intent" value="vacate" />
          <input type="hidden" name="role" value={role} />
          <input type="hidden" name="current" value={holder.userId} />
          {" · "}
          <button className="app-button--link" type="submit">
            Remove
            <span className="nhsuk-u-visually-hidden">
              {" "}
              {holder.name} as {label.toLowerCase()}
            </span>
          </button>
        </Form>
      ) : null}
    </>
  );
}

export default function ProjectTeam() {
  const { stage, team, people, missing, trained } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const members = team.filter((m) => m.role === "member");
  // A fresh, empty form after each change is saved (the page answers in place).
  const savedKey = useSavedKey(outcome?.ok ? outcome : null);
  return (
    <>
      {outcome && !outcome.ok ? (
        <ErrorSummaryBox
          headingId="team-error-title"
          errors={[{ text: outcome.message, href: outcome.role ? `#person-${outcome.role}` : "#team-leads" }]}
          focusKey={outcome}
        />
      ) : null}
      {outcome?.ok ? (
        <InsetText role="status">
          <p>{outcome.message}</p>
        </InsetText>
      ) : null}

      <h2 id="team-leads">Team</h2>
      {missing.length ? (
        <InsetText>
          <p>This project needs {listOfLeads(missing)} before it can be approved.</p>
        </InsetText>
      ) : null}
      <p>Each role is held by one person at a time. A change keeps the previous holder in the team history on the overview.</p>
      {trained ? (
        <p className="nhsuk-body-s" id="team-trained">
          Trained in QI: {describeShare(trained.trained, trained.members)} of the team. <Link to="/capability">QI capability</Link>
        </p>
      ) : null}

      <div className="app-table-wrap">
        <Table
          caption="Leads"
          captionHidden
          rows={LEAD_ROLES}
          rowKey={(role) => role}
          columns={[
            { id: "role", header: "Role", rowHeader: true, cell: (role) => TEAM_ROLE_LABELS[role] },
            {
              id: "holder",
              header: "Held by",
              cell: (role) => team.find((m) => m.role === role)?.name ?? <span className="app-muted">Not assigned</span>,
            },
            {
              id: "change",
              header: "Change",
              cell: (role) => (
                <LeadChange
                  key={`${role}-${savedKey}`}
                  role={role}
                  holder={team.find((m) => m.role === role)}
                  people={people}
                  mayVacate={mayVacateLead(stage, role)}
                  error={outcome && !outcome.ok && outcome.role === role ? outcome.message : null}
                />
              ),
            },
          ]}
        />
      </div>

      <h3>Team members</h3>
      {members.length === 0 ? (
        <p className="app-muted">No team members yet. Add the people doing the work below.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {members.map((m) => (
            <li key={m.id}>
              {m.name}
              {m.jobTitle ? `, ${m.jobTitle}` : ""}{" "}
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="intent" value="remove-member" />
                <input type="hidden" name="teamRowId" value={m.id} />
                <button className="app-button--link" type="submit">
                  Remove<span className="nhsuk-u-visually-hidden"> {m.name} from the team</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" key={`add-member-${savedKey}`} id="add-member">
        <input type="hidden" name="intent" value="add-member" />
        <FormToken />
        <div className={`nhsuk-form-group${outcome && !outcome.ok && outcome.role === "member" ? " nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label" htmlFor="person-member">
            Add a team member
          </label>
          {outcome && !outcome.ok && outcome.role === "member" ? <ErrorMessage id="person-member-error">{outcome.message}</ErrorMessage> : null}
          <PersonPicker
            id="person-member"
            name="userId"
            people={people}
            placeholder="Choose a person"
            invalid={Boolean(outcome && !outcome.ok && outcome.role === "member")}
            describedBy={outcome && !outcome.ok && outcome.role === "member" ? "person-member-error" : undefined}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Add to the team
        </button>
      </Form>
      <p>
        <Link to="..">Back to the project overview</Link>
      </p>
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
