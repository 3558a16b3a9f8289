import crypto from "node:crypto";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, useNhsForm, SelectField, TextField } from "~/components/forms";
import { Details, InsetText, Pagination, Table, type TableColumn } from "~/components/nhs";
import { FilterSelect } from "~/components/list-controls";
import { getDb } from "~/db.server";
import { ROLES } from "~/domain/enums";
import { ROLE_LABELS } from "~/domain/labels";
import { canAdminister } from "~/domain/permissions";
import { formatDateTime } from "~/web/dates";
import { optionalText, requiredText } from "~/forms/text-field";
import { badRequest, requirePermission } from "~/auth/guards.server";
import { hashPassword } from "~/auth/password.server";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { EMAIL_TAKEN } from "~/domain/messages";
import { changeUser, createUser } from "~/models/user-commands.server";
import { resetTwoFactor } from "~/models/two-factor-commands.server";
import { addRoleMapping, removeRoleMapping, setBreakGlass } from "~/models/sso-commands.server";
import { listRoleMappings } from "~/models/oidc.server";
import { oidcSettings } from "~/auth/oidc.server";
import { RoleMappingSchema } from "~/forms/role-mapping-form";
import { emailTaken, normaliseEmail } from "~/models/user.server";
import { findUsers, type UserFilter } from "~/models/user-directory.server";
import { USER_STATUSES, USER_STATUS_LABELS } from "~/domain/user-status";
import { invitationDelivery, pendingLinkOf } from "~/models/invitation.server";
import { reissueInvitation, revokeInvitation } from "~/models/invitation-commands.server";
import { getProgrammeSetup } from "~/models/programme-setup.server";
import { getProgramme } from "~/models/programme.server";
import { nowMs } from "~/clock.server";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { spentFormToken } from "~/models/form-token.server";
import { holdsAnything } from "~/models/leaver.server";

export const meta: MetaFunction = () => [{ title: "Users – Admin – Stepping Up" }];

const CreateUserSchema = z
  .object({
    intent: z.literal("create"),
    email: z
      .string({ error: "Enter an email address" })
      .trim()
      .max(254, "Email address must be 254 characters or fewer")
      .email("Enter an email address in the correct format, like name@trust.nhs.uk"),
    name: requiredText("Enter the person's name", { what: "Name", max: 200 }),
    jobTitle: optionalText({ what: "Job title", max: 200 }),
    role: z.enum(ROLES, { error: "Choose a role" }),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

const UserActionSchema = z
  .object({
    intent: z.enum(["disable", "enable", "reset", "role", "reset_two_factor", "break_glass_on", "break_glass_off", "reinvite", "revoke_invitation"]),
    userId: z.coerce.number().int().positive(),
    role: z.enum(ROLES).optional(),
  })
  .strict();

/** A one-time password the user must change at next sign-in. */
const oneTimePassword = () => crypto.randomBytes(12).toString("base64url");

/** The filter in the address (GET, so it works without JavaScript); anything unrecognised means "any". */
function filterOf(params: URLSearchParams): UserFilter {
  const role = params.get("role") ?? "";
  const status = params.get("status") ?? "";
  const division = Number(params.get("division"));
  const page = Number(params.get("page"));
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    role: (ROLES as readonly string[]).includes(role) ? (role as UserFilter["role"]) : null,
    divisionId: Number.isInteger(division) && division > 0 ? division : null,
    status: (USER_STATUSES as readonly string[]).includes(status) ? (status as UserFilter["status"]) : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, "manage users");
  const db = getDb();
  const roleClaim = oidcSettings()?.roleClaim ?? null;
  const filter = filterOf(new URL(request.url).searchParams);
  const found = findUsers(db, filter);
  const at = nowMs();
  const users = found.rows.map((u) => ({
    ...u,
    invitationLink: !u.disabledAt && !u.hasPassword && u.invitationExpiresAt && u.invitationExpiresAt > at ? pendingLinkOf(db, u.id, at) : null,
    invitationExpired: Boolean(!u.disabledAt && !u.hasPassword && u.invitationExpiresAt && u.invitationExpiresAt <= at),
    /** A leaver who still holds work: the board flags their projects until it is handed over (ADR 106). */
    stillHolds: u.disabledAt ? holdsAnything(db, u.id) : false,
  }));
  const divisions = getProgrammeSetup(db, getProgramme(db).id).divisions.map((d) => ({ value: d.id, label: d.name }));
  return {
    users,
    total: found.total,
    page: found.page,
    pages: found.pages,
    filter,
    divisions,
    emailed: invitationDelivery().email,
    me: user.id,
    roleClaim,
    mappings: roleClaim ? listRoleMappings(db) : [],
  };
}

const RemoveMappingSchema = z.object({ intent: z.literal("remove_role_mapping"), mappingId: z.coerce.number().int().positive() }).strict();

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, canAdminister, "manage users");
  const db = getDb();
  const formData = await request.formData();
  const actor = actorOf(admin, context);

  const asked = formData.get("intent");
  if (asked === "add_role_mapping" || asked === "remove_role_mapping") {
    if (!oidcSettings()?.roleClaim) badRequest("Roles from single sign-on are not set up (OIDC_ROLE_CLAIM).");
    if (asked === "remove_role_mapping") {
      const parsed = parseFields(formData, RemoveMappingSchema);
      if (!parsed.success) badRequest("That request was not understood.");
      const removed = removeRoleMapping(db, actor, { id: parsed.data.mappingId });
      const message = removed.ok ? `“${removed.value.claimValue}” no longer gives a role.` : removed.refused;
      return { create: null, mapping: null, done: { message, password: null, link: null } };
    }
    const submission = parseSubmission(formData, { schema: RoleMappingSchema });
    if (submission.status !== "success") return data({ create: null, mapping: submission.reply(), done: null }, { status: 400 });
    const { claimValue, role } = submission.value;
    const added = addRoleMapping(db, actor, { claimValue, role });
    if (!added.ok)
      return data({ create: null, mapping: submission.reply({ fieldErrors: { claimValue: [added.refused] } }), done: null }, { status: added.status });
    return {
      create: null,
      mapping: submission.reply({ resetForm: true }),
      done: { message: `“${claimValue}” now gives the role ${ROLE_LABELS[role]} at each sign-in.`, password: null, link: null },
    };
  }

  if (asked === "create") {
    const submission = parseSubmission(formData, { schema: CreateUserSchema });
    if (submission.status !== "success") return data({ create: submission.reply(), mapping: null, done: null }, { status: 400 });
    const { email, name, jobTitle, role } = submission.value;
    const once = { userId: admin.id, kind: "user", token: submission.value.formToken };
    const replay = spentFormToken(db, once);
    if (replay) return redirect(replay);
    const taken = () => data({ create: submission.reply({ fieldErrors: { email: [EMAIL_TAKEN] } }), mapping: null, done: null }, { status: 400 });
    // Checked before the slow hash too, so a taken address answers at once.
    if (emailTaken(db, email)) return taken();
    const created = createUser(db, actor, { email, name, jobTitle, role, once, delivery: invitationDelivery() });
    if (!created.ok) return taken();
    if (created.value.replayed || !created.value.invitation) return redirect(created.value.location);
    return {
      create: submission.reply({ resetForm: true }),
      mapping: null,
      done: invited(`Account created for ${normaliseEmail(email)}.`, created.value.invitation),
    };
  }

  const parsed = parseFields(formData, UserActionSchema);
  if (!parsed.success) badRequest("That request was not understood.");
  const { intent, userId, role } = parsed.data;
  if (intent === "role" && !role) badRequest("Choose a role.");
  if (intent === "reinvite") {
    const issued = valueOf(reissueInvitation(db, actor, { userId, delivery: invitationDelivery() }));
    return { create: null, mapping: null, done: invited(`New invitation for ${issued.email}: the previous link no longer works.`, issued) };
  }
  if (intent === "revoke_invitation") {
    const { email } = valueOf(revokeInvitation(db, actor, { userId }));
    return {
      create: null,
      mapping: null,
      done: { message: `The invitation of ${email} was withdrawn: its link no longer works.`, password: null, link: null },
    };
  }
  if (intent === "reset_two_factor") {
    const { email } = valueOf(resetTwoFactor(db, actor, { userId }));
    return {
      create: null,
      mapping: null,
      done: {
        message: `Two-factor authentication reset for ${email}. They set it up again when they next sign in, if their role needs it.`,
        password: null,
        link: null,
      },
    };
  }
  if (intent === "break_glass_on" || intent === "break_glass_off") {
    const on = intent === "break_glass_on";
    const { email } = valueOf(setBreakGlass(db, actor, { userId, breakGlass: on }));
    return {
      create: null,
      mapping: null,
      done: { message: on ? `${email} is a break-glass account.` : `${email} is no longer a break-glass account.`, password: null, link: null },
    };
  }
  // Someone who still leads projects or owns open work is asked who takes over first (ADR 106).
  if (intent === "disable" && holdsAnything(db, userId)) return redirect(`/admin/users/${userId}/leaving`);
  const password = intent === "reset" ? oneTimePassword() : null;
  const change =
    intent === "role" ? { kind: intent, role: role! } : intent === "reset" ? { kind: intent, passwordHash: await hashPassword(password!) } : { kind: intent };
  const { email } = valueOf(changeUser(db, actor, { userId, change }));
  const message = {
    disable: `${email} is disabled and has been signed out.`,
    enable: `${email} can sign in again.`,
    reset: `Password reset for ${email}.`,
    role: `${email} is now ${ROLE_LABELS[role!]}.`,
  }[intent];
  return { create: null, mapping: null, done: { message, password, link: null } };
}

/** What the page says after an invitation was issued: emailed, or the link to send. */
function invited(message: string, issued: { email: string; link: string; emailed: boolean }) {
  return issued.emailed
    ? {
        message: `${message} An invitation to choose a password has been emailed to ${issued.email}; the link works once, for 7 days.`,
        password: null,
        link: null,
      }
    : { message, password: null, link: issued.link };
}

type UserRow = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

function userStatus(u: UserRow) {
  if (u.disabledAt && u.stillHolds)
    return (
      <>
        Disabled {formatDateTime(u.disabledAt)}: <Link to={`/admin/users/${u.id}/leaving`}>hand over their work</Link>
      </>
    );
  if (u.disabledAt) return `Disabled ${formatDateTime(u.disabledAt)}`;
  const notes = [u.twoFactorOn ? "two-factor on" : null, u.breakGlass ? "break-glass" : null].filter(Boolean).join(", ");
  const canSignIn = u.hasPassword || u.hasIdentity;
  if (!canSignIn) {
    if (u.invitationLink)
      return (
        <>
          Invited: link works until {formatDateTime(u.invitationExpiresAt)}
          <Details
            summary={
              <>
                Invitation link<span className="nhsuk-u-visually-hidden"> for {u.name}</span>
              </>
            }
            className="nhsuk-u-margin-bottom-0 nhsuk-u-margin-top-2"
          >
            <code className="app-break-all">{u.invitationLink}</code>
          </Details>
        </>
      );
    return u.invitationExpired ? "Invitation expired" : "Not invited (cannot sign in)";
  }
  const status = u.mustChangePassword ? "Must change password" : "Active";
  return notes ? `${status} (${notes})` : status;
}

function RoleForm({ user: u }: { user: UserRow }) {
  return (
    <Form method="post" className="app-inline-form">
      <input type="hidden" name="intent" value="role" />
      <input type="hidden" name="userId" value={u.id} />
      <label className="nhsuk-u-visually-hidden" htmlFor={`role-${u.id}`}>
        Role of {u.name}
      </label>
      <select className="nhsuk-select" id={`role-${u.id}`} name="role" defaultValue={u.role}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>{" "}
      <button className="app-button--link" type="submit">
        Save role<span className="nhsuk-u-visually-hidden"> of {u.name}</span>
      </button>
    </Form>
  );
}

/** A one-button form that acts on one user. */
function UserButton({ user: u, intent, label, hidden }: { user: UserRow; intent: string; label: string; hidden: string }) {
  return (
    <Form method="post" className="app-inline-form">
      <input type="hidden" name="userId" value={u.id} />
      <button className="app-button--link" type="submit" name="intent" value={intent}>
        {label}
        <span className="nhsuk-u-visually-hidden"> {hidden}</span>
      </button>
    </Form>
  );
}

const userColumns = (me: number): TableColumn<UserRow>[] => [
  {
    id: "name",
    header: "Name",
    cell: (u) => (
      <>
        <Link to={`/admin/users/${u.id}`}>
          {u.name}
          <span className="nhsuk-u-visually-hidden"> (edit)</span>
        </Link>
        {u.jobTitle || u.division ? (
          <span className="nhsuk-body-s app-muted">
            <br />
            {[u.jobTitle, u.division].filter(Boolean).join(", ")}
          </span>
        ) : null}
      </>
    ),
  },
  { id: "email", header: "Email", cell: (u) => u.email },
  { id: "role", header: "Role", cell: (u) => (u.id === me ? ROLE_LABELS[u.role] : <RoleForm user={u} />) },
  { id: "status", header: "Status", cell: userStatus },
  {
    id: "actions",
    header: "Actions",
    cell: (u) =>
      u.id === me ? (
        <span className="app-muted">You</span>
      ) : (
        <>
          <UserButton user={u} intent={u.disabledAt ? "enable" : "disable"} label={u.disabledAt ? "Enable" : "Disable"} hidden={u.name} />
          {" · "}
          {!u.hasPassword && !u.disabledAt ? (
            <>
              <UserButton user={u} intent="reinvite" label={u.invitationLink ? "New invitation link" : "Send an invitation"} hidden={`for ${u.name}`} />
              {" · "}
              {u.invitationLink ? (
                <>
                  <UserButton user={u} intent="revoke_invitation" label="Withdraw invitation" hidden={`of ${u.name}`} />
                  {" · "}
                </>
              ) : null}
            </>
          ) : null}
          <UserButton user={u} intent="reset" label={u.hasPassword ? "Reset password" : "Set a one-time password"} hidden={`for ${u.name}`} />
          {u.twoFactorOn ? (
            <>
              {" · "}
              <UserButton user={u} intent="reset_two_factor" label="Reset two-factor" hidden={`for ${u.name}`} />
            </>
          ) : null}
          {" · "}
          <UserButton
            user={u}
            intent={u.breakGlass ? "break_glass_off" : "break_glass_on"}
            label={u.breakGlass ? "Remove break-glass" : "Make break-glass"}
            hidden={`for ${u.name}`}
          />
        </>
      ),
  },
];

type MappingRow = ReturnType<typeof useLoaderData<typeof loader>>["mappings"][number];

const mappingColumns: TableColumn<MappingRow>[] = [
  { id: "value", header: "Value", cell: (m) => <code>{m.claimValue}</code> },
  { id: "role", header: "Role it gives", cell: (m) => ROLE_LABELS[m.role] },
  {
    id: "actions",
    header: "Action",
    cell: (m) => (
      <Form method="post" className="app-inline-form">
        <input type="hidden" name="mappingId" value={m.id} />
        <button className="app-button--link" type="submit" name="intent" value="remove_role_mapping">
          Remove<span className="nhsuk-u-visually-hidden"> the role given by {m.claimValue}</span>
        </button>
      </Form>
    ),
  },
];

/** Single sign-on roles: which value of the role claim gives which role (shown when OIDC_ROLE_CLAIM is set). */
function RoleMappings({ claim, mappings, lastResult }: { claim: string; mappings: MappingRow[]; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useNhsForm(RoleMappingSchema, lastResult, "role-mapping");
  return (
    <>
      <h2>Roles from single sign-on</h2>
      <p>
        Each time someone signs in with their organisation account, Stepping Up reads the <code>{claim}</code> claim. A value listed here gives its role (when
        several match, the one that can do most). People whose values match nothing keep the role they have.
      </p>
      {mappings.length ? (
        <Table caption="Values that give a role" columns={mappingColumns} rows={mappings} rowKey={(m) => m.id} />
      ) : (
        <p>No value gives a role yet.</p>
      )}
      <h3>Add a role mapping</h3>
      <ErrorSummary form={form} fields={{ claimValue: fields.claimValue, role: fields.role }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add_role_mapping" />
        <TextField
          field={fields.claimValue}
          label={`Value of the ${claim} claim`}
          hint="For Microsoft Entra ID, a group's object ID or an app role's value, exactly as the sign-in service sends it."
          width={30}
        />
        <SelectField field={fields.role} label="Role it gives" placeholder="Choose a role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Add role mapping
        </button>
      </Form>
    </>
  );
}

export default function AdminUsers() {
  const { users, total, page, pages, filter, divisions, emailed, me, roleClaim, mappings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useNhsForm(CreateUserSchema, result?.create, "create-user");
  const createFailed = Boolean(result?.create && result.create.status === "error");
  const pageLink = (to: number) => {
    const params = new URLSearchParams();
    if (filter.q) params.set("q", filter.q);
    if (filter.role) params.set("role", filter.role);
    if (filter.divisionId) params.set("division", String(filter.divisionId));
    if (filter.status) params.set("status", filter.status);
    if (to > 1) params.set("page", String(to));
    const query = params.toString();
    return `/admin/users${query ? `?${query}` : ""}`;
  };
  const filtered = Boolean(filter.q || filter.role || filter.divisionId || filter.status);
  return (
    <>
      <ErrorSummary form={form} fields={{ email: fields.email, name: fields.name, jobTitle: fields.jobTitle, role: fields.role }} />
      <h1>Users</h1>
      {result?.done ? (
        <InsetText role="status">
          <p>{result.done.message}</p>
          {result.done.link ? (
            <p>
              Invitation link: <code className="nhsuk-u-font-weight-bold app-break-all app-invitation-link">{result.done.link}</code>
              <br />
              Send it to the person (it works once, for 7 days): they choose their own password and are signed in. It stays listed beside them until used.
            </p>
          ) : null}
          {result.done.password ? (
            <p>
              One-time password: <code className="nhsuk-u-font-weight-bold">{result.done.password}</code>. Give it to the person securely; they must choose
              their own password when they next sign in. It will not be shown again.
            </p>
          ) : null}
        </InsetText>
      ) : null}

      <Details summary="Add a person" open={createFailed}>
        <p>
          {emailed
            ? "They are emailed an invitation link to choose their own password (it works once, for 7 days)."
            : "You are given an invitation link to send them: they choose their own password with it (it works once, for 7 days)."}{" "}
          To add many people at once, <Link to="/admin/import/people">import them from a spreadsheet</Link>.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormToken />
          <TextField field={fields.name} label="Full name" width={30} />
          <TextField field={fields.email} label="Email address" type="email" width={30} />
          <TextField field={fields.jobTitle} label="Job title (optional)" width={30} />
          <SelectField
            field={fields.role}
            label="Role"
            hint="Board members approve projects and record the board's view. Staff propose and run projects. Viewers only read."
            placeholder="Choose a role"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <button className="nhsuk-button" type="submit">
            Add user
          </button>
        </Form>
      </Details>

      <h2>Find people</h2>
      <Form method="get" className="nhsuk-u-margin-bottom-4">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="filter-q">
            Search by name or email
          </label>
          <input className="nhsuk-input nhsuk-input--width-20" id="filter-q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="app-definition-grid">
          <FilterSelect
            name="role"
            label="Filter by role"
            value={filter.role}
            all="Any role"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <FilterSelect name="division" label="Filter by division" value={filter.divisionId} all="Any division" options={divisions} />
          <FilterSelect
            name="status"
            label="Filter by status"
            value={filter.status}
            all="Any status"
            options={USER_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }))}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>{" "}
        {filtered ? <Link to="/admin/users">Clear the filters</Link> : null}
      </Form>
      <p>
        {total === 1 ? "1 person" : `${total.toLocaleString("en-GB")} people`}
        {filtered ? " match" : ""}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      {users.length ? (
        <Table caption="People with a Stepping Up account" captionHidden scroll columns={userColumns(me)} rows={users} rowKey={(u) => u.id} />
      ) : (
        <p>Nobody matches these filters. Try fewer words, or clear the filters.</p>
      )}
      <Pagination page={page} pages={pages} href={pageLink} label="Pages of people" />
      {roleClaim ? <RoleMappings claim={roleClaim} mappings={mappings} lastResult={result?.mapping} /> : null}
    </>
  );
}
