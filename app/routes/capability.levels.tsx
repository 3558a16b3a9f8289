// The trust's QI training levels, for admins: add, rename, retire or restore, and move up or down (ADR 114).
import { getFormProps } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { DoneNotice } from "~/components/done-notice";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { BackLink, ErrorMessage } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canManageTrainingLevels } from "~/domain/capability";
import type { Conflict } from "~/domain/conflict";
import { AddLevelSchema, MoveLevelSchema, RenameLevelSchema, RetireLevelSchema } from "~/forms/capability-form";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requirePermission } from "~/auth/guards.server";
import { refusal } from "~/web/command-reply.server";
import { addTrainingLevel, changeTrainingLevel } from "~/models/capability-commands.server";
import { listTrainingLevels } from "~/models/capability.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Training levels – QI capability – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canManageTrainingLevels, "manage training levels");
  const db = getDb();
  return { levels: listTrainingLevels(db, getProgramme(db).id).map(({ updatedAt: _u, updatedByName: _n, ...l }) => l) };
}

type Reply = { add?: unknown; rowError?: { levelId: number; message: string; typed: string } | null; conflict?: Conflict | null; done?: string };

const SCHEMAS = {
  "rename-level": RenameLevelSchema,
  "retire-level": RetireLevelSchema,
  "restore-level": RetireLevelSchema,
  "move-level": MoveLevelSchema,
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canManageTrainingLevels, "manage training levels");
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "add-level") {
    const submission = parseSubmission(formData, { schema: AddLevelSchema });
    if (submission.status !== "success") return data<Reply>({ add: submission.reply() }, { status: 400 });
    const added = addTrainingLevel(db, actor, { programmeId, name: submission.value.name });
    if (!added.ok) {
      if (added.status !== 400) refusal(added);
      return data<Reply>({ add: submission.reply({ fieldErrors: { name: [added.refused] } }) }, { status: 400 });
    }
    return data<Reply>({ add: submission.reply({ resetForm: true }), done: `Added ${submission.value.name}.` });
  }
  if (!(intent in SCHEMAS)) badRequest("That request was not understood.");
  const submission = parseSubmission(formData, { schema: SCHEMAS[intent as keyof typeof SCHEMAS] });
  const typed = String(formData.get("name") ?? "");
  const levelId = Number(formData.get("levelId")) || 0;
  if (submission.status !== "success") {
    const message = Object.values(submission.error ?? {}).flat()[0] ?? "That request was not understood.";
    if (!levelId) badRequest(String(message));
    return data<Reply>({ rowError: { levelId, message: String(message), typed } }, { status: 400 });
  }
  const v = submission.value;
  const change =
    v.intent === "rename-level"
      ? { kind: "rename" as const, name: v.name }
      : v.intent === "move-level"
        ? { kind: "move" as const, direction: v.direction }
        : { kind: v.intent === "retire-level" ? ("retire" as const) : ("restore" as const) };
  const result = changeTrainingLevel(db, actor, { programmeId, levelId: v.levelId, version: v.version, change });
  if ("conflict" in result) return data<Reply>({ conflict: result.conflict, rowError: null }, { status: 409 });
  if (!result.ok) {
    if (result.status !== 400) refusal(result);
    return data<Reply>({ rowError: { levelId: v.levelId, message: result.refused, typed } }, { status: 400 });
  }
  return data<Reply>({ done: "Saved." });
}

export default function TrainingLevels() {
  const { levels } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [form, fields] = useNhsForm(AddLevelSchema, last?.add as never, "add-level");
  const rowError = last?.rowError ?? null;
  return (
    <>
      <BackLink to="/capability">QI capability</BackLink>
      <h1>Training levels</h1>
      <p className="nhsuk-lede-text">
        The QI training levels people are recorded at, lowest first. A person&apos;s current level is the highest they have reached, so keep the list in order.
      </p>
      <ConflictNotice conflict={last?.conflict} />
      <DoneNotice message={last?.done} />
      <ul className="nhsuk-list nhsuk-list--border">
        {levels.map((l, i) => {
          const error = rowError && rowError.levelId === l.id ? rowError : null;
          return (
            <li key={`${l.id}-${l.version}`} className={`app-setup-item${error ? " nhsuk-form-group--error" : ""}`}>
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="intent" value="rename-level" />
                <input type="hidden" name="levelId" value={l.id} />
                <input type="hidden" name="version" value={l.version} />
                <label className="nhsuk-label" htmlFor={`level-${l.id}`}>
                  {i + 1}. {l.name}
                  {l.retired ? " (retired)" : ""}
                  <span className="nhsuk-u-visually-hidden">: name</span>
                </label>
                {error ? <ErrorMessage id={`level-${l.id}-error`}>{error.message}</ErrorMessage> : null}
                <input
                  className={`nhsuk-input nhsuk-input--width-20${error ? " nhsuk-input--error" : ""}`}
                  id={`level-${l.id}`}
                  name="name"
                  defaultValue={error ? error.typed : l.name}
                  aria-describedby={error ? `level-${l.id}-error` : undefined}
                />{" "}
                <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                  Rename<span className="nhsuk-u-visually-hidden"> {l.name}</span>
                </button>
              </Form>
              <p className="nhsuk-body-s">
                {l.records} {l.records === 1 ? "record" : "records"}
              </p>
              <div className="app-inline-actions">
                {(["up", "down"] as const).map((direction) =>
                  (direction === "up" ? i > 0 : i < levels.length - 1) ? (
                    <Form method="post" className="app-inline-form" key={direction}>
                      <input type="hidden" name="intent" value="move-level" />
                      <input type="hidden" name="levelId" value={l.id} />
                      <input type="hidden" name="version" value={l.version} />
                      <input type="hidden" name="direction" value={direction} />
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                        Move {direction}
                        <span className="nhsuk-u-visually-hidden"> {l.name}</span>
                      </button>
                    </Form>
                  ) : null,
                )}
                <Form method="post" className="app-inline-form">
                  <input type="hidden" name="intent" value={l.retired ? "restore-level" : "retire-level"} />
                  <input type="hidden" name="levelId" value={l.id} />
                  <input type="hidden" name="version" value={l.version} />
                  <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                    {l.retired ? "Restore" : "Retire"}
                    <span className="nhsuk-u-visually-hidden"> {l.name}</span>
                  </button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
      <h2>Add a level</h2>
      <ErrorSummary form={form} fields={{ name: fields.name }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-level" />
        <TextField
          field={fields.name}
          label="Name"
          hint="For example, Bronze, or Level 3 advanced practitioner. It is added at the end of the list, as the highest level."
          width={30}
        />
        <button className="nhsuk-button" type="submit">
          Add the level
        </button>
      </Form>
    </>
  );
}
