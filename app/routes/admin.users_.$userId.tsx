// Editing a person: name, email, job title and division. Versioned: a concurrent edit gives 409 with both versions.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField, useNhsForm } from "~/components/forms";
import { ConflictNotice } from "~/components/conflict-notice";
import { Breadcrumb } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { ROLE_LABELS } from "~/domain/labels";
import { requirePermission } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { PersonSchema } from "~/forms/person-form";
import { parseSubmission } from "~/forms/submission.server";
import { editPerson } from "~/models/user-commands.server";
import { getProgrammeSetup } from "~/models/programme-setup.server";
import { getProgramme } from "~/models/programme.server";
import { getPersonForEdit } from "~/models/user-directory.server";

export const meta: MetaFunction = () => [{ title: "Edit a person – Admin – Stepping Up" }];

const what = "manage users";

function load(userId: number) {
  const db = getDb();
  const person = Number.isInteger(userId) && userId > 0 ? getPersonForEdit(db, userId) : undefined;
  if (!person) throw new Response("We could not find that person.", { status: 404 });
  const divisions = getProgrammeSetup(db, getProgramme(db).id).divisions.filter((d) => !d.retiredAt || d.id === person.divisionId);
  return { person, divisions: divisions.map((d) => ({ value: String(d.id), label: d.name })) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  return load(Number(params.userId));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, canAdminister, what);
  const { person } = load(Number(params.userId));
  const submission = parseSubmission(await request.formData(), { schema: PersonSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const v = submission.value;
  const saved = editPerson(getDb(), actorOf(admin, context), {
    userId: person.id,
    version: v.version,
    name: v.name,
    email: v.email,
    jobTitle: v.jobTitle ?? "",
    divisionId: v.divisionId ?? null,
  });
  if (saved.ok) return redirect(`/admin/users?q=${encodeURIComponent(saved.value.email)}`);
  if ("conflict" in saved) return data({ result: submission.reply(), conflict: saved.conflict }, { status: 409 });
  const field = saved.refused.startsWith("Choose a division") ? "divisionId" : "email";
  return data({ result: submission.reply({ fieldErrors: { [field]: [saved.refused] } }), conflict: null }, { status: saved.status });
}

export default function EditPerson() {
  const { person, divisions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useNhsForm(PersonSchema, answer?.result, "person", {
    name: person.name,
    email: person.email,
    jobTitle: person.jobTitle,
    divisionId: person.divisionId ? String(person.divisionId) : "",
    version: String(person.version),
  });
  const version = answer?.conflict?.currentVersion ?? person.version;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Breadcrumb items={[{ to: "/admin/users", label: "Users" }]} />
        <ConflictNotice conflict={answer?.conflict} />
        <ErrorSummary form={form} fields={{ name: fields.name, email: fields.email, jobTitle: fields.jobTitle, divisionId: fields.divisionId }} />
        <h1>Edit {person.name}</h1>
        <p>
          {ROLE_LABELS[person.role]}. Change the role, disable the account or reset the password from the <Link to="/admin/users">Users</Link> page.
        </p>
        <Form method="post" {...getFormProps(form)} key={version}>
          <input type="hidden" name="version" value={version} />
          <TextField field={fields.name} label="Full name" width={30} />
          <TextField field={fields.email} label="Email address" type="email" width={30} hint="They sign in with this address." />
          <TextField field={fields.jobTitle} label="Job title (optional)" width={30} />
          <SelectField field={fields.divisionId} label="Division (optional)" placeholder="No division" options={divisions} />
          <button className="nhsuk-button" type="submit">
            Save changes
          </button>
        </Form>
        <p>
          <Link to={`/admin/users/${person.id}/data`}>Everything held about {person.name}</Link> (for a subject access request, or to erase a leaver&apos;s
          details).
        </p>
        <p>
          <Link to={`/admin/users/${person.id}/leaving`}>{person.name} is leaving: hand over their projects and open work</Link>
          {person.disabledAt ? "" : ", and disable the account"}.
        </p>
      </div>
    </div>
  );
}
