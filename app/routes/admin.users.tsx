import crypto from "node:crypto";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, useNhsForm, SelectField, TextField } from "~/components/forms";
import { InsetText, Table, type TableColumn } from "~/components/nhs";
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
import { emailTaken, listUsers, normaliseEmail } from "~/models/user.server";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { spentFormToken } from "~/models/form-token.server";

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
    intent: z.enum(["disable", "enable", "reset", "role", "reset_two_factor", "break_glass_on", "break_glass_off"]),
    userId: z.coerce.number().int().positive(),
    role: z.enum(ROLES).optional(),
  })
  .strict();

/** A one-time password the user must change at next sign-in. */
const oneTimePassword = () => crypto.randomBytes(12).toString("base64url");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, "manage users");
  const db = getDb();
  const roleClaim = oidcSettings()?.roleClaim ?? null;
  return { users: listUsers(db), me: user.id, roleClaim, mappings: roleClaim ? listRoleMappings(db) : [] };
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
      return { create: null, mapping: null, done: { message, password: null } };
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
      done: { message: `“${claimValue}” now gives the role ${ROLE_LABELS[role]} at each sign-in.`, password: null },
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
    const password = oneTimePassword();
    const created = createUser(db, actor, {
      email,
      name,
      jobTitle,
      role,
      passwordHash: await hashPassword(password),
      once,
    });
    if (!created.ok) return taken();
    if (created.value.replayed) return redirect(created.value.location);
    return {
      create: submission.reply({ resetForm: true }),
      mapping: null,
      done: { message: `Account created for ${normaliseEmail(email)}.`, password },
    };
  }

  const parsed = parseFields(formData, UserActionSchema);
  if (!parsed.success) badRequest("That request was not understood.");
  const { intent, userId, role } = parsed.data;
  if (intent === "role" && !role) badRequest("Choose a role.");
  if (intent === "reset_two_factor") {
    const { email } = valueOf(resetTwoFactor(db, actor, { userId }));
    return {
      create: null,
      mapping: null,
      done: { message: `Two-factor authentication reset for ${email}. They set it up again when they next sign in, if their role needs it.`, password: null },
    };
  }
  if (intent === "break_glass_on" || intent === "break_glass_off") {
    const on = intent === "break_glass_on";
    const { email } = valueOf(setBreakGlass(db, actor, { userId, breakGlass: on }));
    return {
      create: null,
      mapping: null,
      done: { message: on ? `${email} is a break-glass account.` : `${email} is no longer a break-glass account.`, password: null },
    };
  }
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
  return { create: null, mapping: null, done: { message, password } };
}

type UserRow = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

function userStatus(u: UserRow) {
  if (u.disabledAt) return `Disabled ${formatDateTime(u.disabledAt)}`;
  const notes = [u.twoFactorOn ? "two-factor on" : null, u.breakGlass ? "break-glass" : null].filter(Boolean).join(", ");
  const status = !u.canSignIn ? "No password (cannot sign in)" : u.mustChangePassword ? "Must change password" : "Active";
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
        <Link to={`/admin/users/${u.id}/data`}>
          {u.name}
          <span className="nhsuk-u-visually-hidden">: their data</span>
        </Link>
        {u.jobTitle ? (
          <span className="nhsuk-body-s app-muted">
            <br />
            {u.jobTitle}
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
          <UserButton user={u} intent="reset" label={u.canSignIn ? "Reset password" : "Set a one-time password"} hidden={`for ${u.name}`} />
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
  const { users, me, roleClaim, mappings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useNhsForm(CreateUserSchema, result?.create, "create-user");
  return (
    <>
      <h1>Users</h1>
      {result?.done ? (
        <InsetText role="status">
          <p>{result.done.message}</p>
          {result.done.password ? (
            <p>
              One-time password: <code className="nhsuk-u-font-weight-bold">{result.done.password}</code>. Give it to the person securely; they must choose
              their own password when they next sign in. It will not be shown again.
            </p>
          ) : null}
        </InsetText>
      ) : null}
      <Table caption="Everyone with a Stepping Up account" scroll columns={userColumns(me)} rows={users} rowKey={(u) => u.id} />

      <h2>Add a user</h2>
      <ErrorSummary form={form} fields={{ email: fields.email, name: fields.name, jobTitle: fields.jobTitle, role: fields.role }} />
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
      {roleClaim ? <RoleMappings claim={roleClaim} mappings={mappings} lastResult={result?.mapping} /> : null}
    </>
  );
}
