import { getFormProps } from "@conform-to/react";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { ErrorMessage, InsetText, Tag } from "~/components/nhs";
import { StageTag } from "~/components/tags";
import { DoneNotice } from "~/components/done-notice";
import { getDb } from "~/db.server";
import { CQC_DOMAINS } from "~/domain/enums";
import { CQC_DOMAIN_LABELS } from "~/domain/labels";
import { canAdminister } from "~/domain/permissions";
import { formatDay } from "~/web/dates";
import { parseCqcPaste } from "~/forms/cqc-paste";
import { badRequest, forbidden, requireUser } from "~/auth/guards.server";
import { optionalText, requiredText } from "~/forms/text-field";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { addCqcAction, addCqcActionsFromPaste, linkCqcAction, removeCqcAction } from "~/models/cqc-commands.server";
import { listCqcRegister, projectChoices, referencesInUse } from "~/models/cqc.server";
import { getProgramme } from "~/models/programme.server";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { spentFormToken } from "~/models/form-token.server";

export const meta: MetaFunction = () => [{ title: "CQC register – Stepping Up" }];

const AddActionSchema = z
  .object({
    intent: z.literal("add"),
    reference: requiredText("Enter a reference, such as MD1", { what: "The reference", max: 40 }),
    kind: z.enum(["must_do", "should_do"], { error: "Choose must do or should do" }),
    domain: z.enum(CQC_DOMAINS, { error: "Choose the CQC domain" }),
    service: optionalText({ what: "The service", max: 200 }),
    text: requiredText("Enter the action from the inspection report", {
      what: "The action",
      max: 2000,
      multiline: true,
    }),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

const LinkSchema = z
  .object({
    intent: z.enum(["link", "unlink", "delete"]),
    actionId: z.coerce.number().int().positive(),
    projectId: z.coerce.number().int().positive().optional(),
  })
  .strict();

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const register = listCqcRegister(db, programme.id);
  return {
    register,
    projects: projectChoices(db, programme.id),
    canManage: canAdminister(user),
    uncovered: register.filter((a) => a.uncoveredMustDo).length,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  if (!canAdminister(user)) forbidden(user, context, "change the CQC register");
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "add") {
    const submission = parseSubmission(formData, { schema: AddActionSchema });
    if (submission.status !== "success") return data({ add: submission.reply(), paste: null, done: null }, { status: 400 });
    const { intent: _intent, formToken: token, ...fields } = submission.value;
    const once = { userId: user.id, kind: "cqc_action", token };
    const replay = spentFormToken(db, once);
    if (replay) return redirect(replay);
    const added = addCqcAction(db, actor, { programmeId, row: { ...fields, service: fields.service ?? "" }, once });
    if (!added.ok) {
      return data({ add: submission.reply({ fieldErrors: { reference: [added.refused] } }), paste: null, done: null }, { status: 400 });
    }
    if (added.value.replayed) return redirect(added.value.location);
    return { add: submission.reply({ resetForm: true }), paste: null, done: `Added ${fields.reference}.` };
  }

  if (intent === "paste") {
    const text = String(formData.get("rows") ?? "");
    if (!text.trim()) return data({ add: null, paste: { text, errors: ["Paste at least one action"] }, done: null }, { status: 400 });
    if (text.length > 200_000)
      return data({ add: null, paste: { text: "", errors: ["Paste at most 200,000 characters at once"] }, done: null }, { status: 400 });
    const rows = parseCqcPaste(text);
    const errors = rows.flatMap((r) => (r.error ? [r.error] : []));
    const values = rows.flatMap((r) => (r.value ? [r.value] : []));
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v.reference)) errors.push(`${v.reference} appears more than once`);
      seen.add(v.reference);
    }
    for (const ref of referencesInUse(
      db,
      programmeId,
      values.map((v) => v.reference),
    ))
      errors.push(`${ref} is already in the register`);
    const pasteErrors = (list: string[]) => data({ add: null, paste: { text, errors: list }, done: null }, { status: 400 });
    if (errors.length || values.length === 0) return pasteErrors(errors.length ? errors : ["No actions found in what you pasted"]);
    const added = addCqcActionsFromPaste(db, actor, { programmeId, rows: values });
    if (!added.ok) return pasteErrors(added.refused.split("\n"));
    return { add: null, paste: null, done: `Added ${values.length} action${values.length === 1 ? "" : "s"}.` };
  }

  const parsed = parseFields(formData, LinkSchema);
  if (!parsed.success) badRequest("That request was not understood.");
  const { actionId, projectId } = parsed.data;
  if (parsed.data.intent === "delete") {
    const { reference } = valueOf(removeCqcAction(db, actor, { programmeId, actionId }));
    return { add: null, paste: null, done: `Removed ${reference}.` };
  }
  if (!projectId) badRequest("Choose a project.");
  valueOf(linkCqcAction(db, actor, { programmeId, actionId, projectId, link: parsed.data.intent === "link" }));
  return { add: null, paste: null, done: null };
}

export default function CqcRegister() {
  const { register, projects, canManage, uncovered } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useNhsForm(AddActionSchema, result?.add, "add-cqc-action");
  const archived = register.filter((a) => a.archivedAt);
  const groups = [
    { kind: "must_do", title: "Must-do actions" },
    { kind: "should_do", title: "Should-do actions" },
  ] as const;
  return (
    <>
      <h1>CQC register</h1>
      <p className="nhsuk-lede-text">The must-do and should-do actions from the trust's latest CQC inspection, and the projects addressing each.</p>
      <DoneNotice message={result?.done} />
      {register.length ? (
        <p>
          {uncovered === 0 ? (
            "Every must-do action has an approved, active or sustaining project."
          ) : (
            <Tag colour="red">{`${uncovered} must-do action${uncovered === 1 ? "" : "s"} with no active project`}</Tag>
          )}
        </p>
      ) : (
        <InsetText>
          <p>
            The register is empty.{" "}
            {canManage ? "Add the actions from the inspection report below." : "An administrator adds the actions from the inspection report."}
          </p>
        </InsetText>
      )}
      {groups.map((g) => {
        const items = register.filter((a) => a.kind === g.kind && !a.archivedAt);
        if (!items.length) return null;
        return (
          <section key={g.kind}>
            <h2>{g.title}</h2>
            <ul className="nhsuk-list app-cqc-list">
              {items.map((a) => (
                <li key={a.id} className={`app-cqc-item${a.uncoveredMustDo ? " app-cqc-item--gap" : ""}`}>
                  <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
                    {a.reference} · {CQC_DOMAIN_LABELS[a.domain]}
                    {a.service ? ` · ${a.service}` : ""}
                    {a.uncoveredMustDo ? (
                      <Tag colour="red" className="nhsuk-u-margin-left-2">
                        No active project
                      </Tag>
                    ) : a.covered ? (
                      <Tag colour="green" className="nhsuk-u-margin-left-2">
                        Covered
                      </Tag>
                    ) : null}
                  </h3>
                  <p className="app-pre-line">{a.text}</p>
                  <p className="nhsuk-body-s">
                    Owner: {a.ownerName ?? "none yet"} · Due: {a.dueOn ? formatDay(a.dueOn) : "no date"}
                    {canManage ? (
                      <>
                        {" · "}
                        <Link to={`/cqc/${a.id}`}>
                          Edit or archive<span className="nhsuk-u-visually-hidden"> {a.reference}</span>
                        </Link>
                      </>
                    ) : null}
                  </p>
                  {a.projects.length ? (
                    <ul className="nhsuk-list">
                      {a.projects.map((p) => (
                        <li key={p.projectId}>
                          <Link to={`/projects/${p.projectId}`}>{p.title}</Link> <StageTag stage={p.stage} />
                          {canManage ? (
                            <Form method="post" className="app-inline-form">
                              <input type="hidden" name="actionId" value={a.id} />
                              <input type="hidden" name="projectId" value={p.projectId} />
                              <button className="app-button--link nhsuk-u-margin-left-2" type="submit" name="intent" value="unlink">
                                Unlink
                                <span className="nhsuk-u-visually-hidden">
                                  {" "}
                                  {p.title} from {a.reference}
                                </span>
                              </button>
                            </Form>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="app-muted">No project linked yet.</p>
                  )}
                  {canManage ? (
                    <Form method="post" className="app-cqc-link-form">
                      <input type="hidden" name="actionId" value={a.id} />
                      <label className="nhsuk-label" htmlFor={`link-${a.id}`}>
                        Link a project to {a.reference}
                      </label>
                      <select className="nhsuk-select" id={`link-${a.id}`} name="projectId" defaultValue="">
                        <option value="" disabled>
                          Choose a project
                        </option>
                        {projects
                          .filter((p) => !a.projects.some((l) => l.projectId === p.id))
                          .map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.title}
                            </option>
                          ))}
                      </select>{" "}
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" name="intent" value="link">
                        Link
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {archived.length ? (
        <section>
          <h2>Archived actions</h2>
          <ul className="nhsuk-list">
            {archived.map((a) => (
              <li key={a.id}>
                {canManage ? <Link to={`/cqc/${a.id}`}>{a.reference}</Link> : a.reference}: {a.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canManage ? (
        <>
          <h2>Add an action</h2>
          <ErrorSummary
            form={form}
            fields={{
              reference: fields.reference,
              kind: fields.kind,
              domain: fields.domain,
              service: fields.service,
              text: fields.text,
            }}
          />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="add" />
            <FormToken />
            <TextField field={fields.reference} label="Reference" hint="As in the report, such as MD1 or SD4" width={10} />
            <SelectField
              field={fields.kind}
              label="Kind"
              placeholder="Choose"
              options={[
                { value: "must_do", label: "Must do" },
                { value: "should_do", label: "Should do" },
              ]}
            />
            <SelectField
              field={fields.domain}
              label="CQC domain"
              placeholder="Choose"
              options={CQC_DOMAINS.map((d) => ({ value: d, label: CQC_DOMAIN_LABELS[d] }))}
            />
            <TextField field={fields.service} label="Service (optional)" width={30} />
            <TextareaField field={fields.text} label="The action" rows={3} />
            <button className="nhsuk-button" type="submit">
              Add action
            </button>
          </Form>
          <h2>Paste several actions</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="paste" />
            <div className={`nhsuk-form-group${result?.paste?.errors.length ? " nhsuk-form-group--error" : ""}`}>
              <label className="nhsuk-label" htmlFor="paste-rows">
                One action per line: reference, kind, domain, service, text
              </label>
              <div className="nhsuk-hint" id="paste-rows-hint">
                Copy the columns from a spreadsheet (tab-separated) or type them separated by commas, for example:
                <br />
                <code>MD7, must do, safe, Emergency Department, Ensure sepsis screening is completed for every adult</code>
              </div>
              {result?.paste?.errors.length ? (
                <ErrorMessage id="paste-rows-error">
                  Nothing was saved. Correct these lines and paste again:
                  <ul>
                    {result.paste.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </ErrorMessage>
              ) : null}
              <textarea
                className={`nhsuk-textarea${result?.paste?.errors.length ? " nhsuk-textarea--error" : ""}`}
                id="paste-rows"
                name="rows"
                rows={6}
                defaultValue={result?.paste?.text ?? ""}
                aria-describedby={`paste-rows-hint${result?.paste?.errors.length ? " paste-rows-error" : ""}`}
              />
            </div>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Add pasted actions
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
