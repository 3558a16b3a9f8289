// One CQC action: its wording, owner and due date, and archiving it once it is closed.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { DateInput } from "~/components/nhs";
import { PersonSelectField } from "~/components/person-select";
import { getDb } from "~/db.server";
import { CQC_DOMAINS } from "~/domain/enums";
import { CQC_DOMAIN_LABELS } from "~/domain/labels";
import { canAdminister } from "~/domain/permissions";
import { optionalDay } from "~/forms/day-field";
import { parseSubmission } from "~/forms/submission.server";
import { optionalText, requiredText } from "~/forms/text-field";
import { actorOf } from "~/auth/actor.server";
import { badRequest, notFound, requirePermission } from "~/auth/guards.server";
import { valueOf } from "~/web/command-reply.server";
import { archiveCqcAction, editCqcAction } from "~/models/cqc-commands.server";
import { getCqcAction } from "~/models/cqc.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.action.reference ?? "CQC action"} – CQC register – Stepping Up` }];

const EditSchema = z
  .object({
    intent: z.literal("edit"),
    kind: z.enum(["must_do", "should_do"], { error: "Choose must do or should do" }),
    domain: z.enum(CQC_DOMAINS, { error: "Choose the CQC domain" }),
    service: optionalText({ what: "The service", max: 200 }),
    text: requiredText("Enter the action from the inspection report", { what: "The action", max: 2000, multiline: true }),
    ownerId: z.coerce.number().int().positive().optional(),
    dueOn: optionalDay("The due date"),
  })
  .strict();

const what = "change the CQC register";
const actionId = (params: { cqcActionId?: string }) => {
  const id = Number(params.cqcActionId);
  return Number.isInteger(id) && id > 0 ? id : notFound("CQC action");
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  const db = getDb();
  const action = getCqcAction(db, getProgramme(db).id, actionId(params)) ?? notFound("CQC action");
  const done = new URL(request.url).searchParams.get("done");
  const message = done === "saved" ? "Saved." : done === "archive" ? "Archived." : done === "restore" ? "Restored." : null;
  return { action, people: listPeopleToChoose(db), message };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, what);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const id = actionId(params);
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "archive" || intent === "restore") {
    valueOf(archiveCqcAction(db, actor, { programmeId, actionId: id, archive: intent === "archive" }));
    return redirect(`/cqc/${id}?done=${intent}`);
  }
  if (intent !== "edit") badRequest("That request was not understood.");
  const submission = parseSubmission(formData, { schema: EditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intent: _i, ownerId, dueOn, service, ...rest } = submission.value;
  const saved = editCqcAction(db, actor, {
    programmeId,
    actionId: id,
    values: { ...rest, service: service ?? "", ownerId: ownerId ?? null, dueOn: dueOn ?? null },
  });
  if (!saved.ok && saved.status === 400) return data(submission.reply({ fieldErrors: { ownerId: [saved.refused] } }), { status: 400 });
  valueOf(saved);
  return redirect(`/cqc/${id}?done=saved`);
}

export default function CqcActionPage() {
  const { action: a, people, message } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useNhsForm(EditSchema, lastResult, `cqc-${a.id}`, {
    kind: a.kind,
    domain: a.domain,
    service: a.service,
    text: a.text,
    ownerId: a.ownerId ? String(a.ownerId) : "",
    dueOn: a.dueOn ?? "",
  });
  return (
    <>
      <Breadcrumbs items={[{ to: "/cqc", label: "CQC register" }]} />
      <h1>
        {a.reference}
        {a.archivedAt ? " (archived)" : ""}
      </h1>
      <DoneNotice message={message} />
      <ErrorSummary
        form={form}
        fields={{ kind: fields.kind, domain: fields.domain, service: fields.service, text: fields.text, ownerId: fields.ownerId, dueOn: fields.dueOn }}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit" />
        <SelectField
          field={fields.kind}
          label="Kind"
          options={[
            { value: "must_do", label: "Must do" },
            { value: "should_do", label: "Should do" },
          ]}
        />
        <SelectField field={fields.domain} label="CQC domain" options={CQC_DOMAINS.map((d) => ({ value: d, label: CQC_DOMAIN_LABELS[d] }))} />
        <TextField field={fields.service} label="Service (optional)" width={30} />
        <TextareaField field={fields.text} label="The action" rows={3} />
        <PersonSelectField field={fields.ownerId} label="Owner (optional)" hint="Who answers to the board for this action" people={people} />
        <DateInput field={fields.dueOn} legend="Due date (optional)" />
        <button className="nhsuk-button" type="submit">
          Save the action
        </button>
      </Form>
      <h2>{a.archivedAt ? "Restore" : "Archive"}</h2>
      <p>
        {a.archivedAt
          ? "This action is closed and kept in the register's archive. Restore it if it is open again."
          : "Archive an action once it is closed: it leaves the open register and keeps its projects and history."}
      </p>
      <Form method="post">
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value={a.archivedAt ? "restore" : "archive"}>
          {a.archivedAt ? "Restore" : "Archive"} {a.reference}
        </button>
      </Form>
    </>
  );
}
