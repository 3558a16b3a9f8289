import { getFormProps } from "@conform-to/react";
import { parseFields, parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { DateInput, ErrorMessage, Table, type TableColumn } from "~/components/nhs";
import { DoneNotice } from "~/components/done-notice";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { formatDay } from "~/web/dates";
import { dayField } from "~/forms/day-field";
import { optionalText, requiredText } from "~/forms/text-field";
import { badRequest, notFound, requirePermission } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { refusal, valueOf } from "~/web/command-reply.server";
import { getProgramme } from "~/models/programme.server";
import { getProgrammeSetup } from "~/models/programme-setup.server";
import { addNamed, changeNamed, namedLabel, saveProgrammeDetails, saveWave, type NamedKind } from "~/models/programme-commands.server";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { spentFormToken } from "~/models/form-token.server";
import { waveLabel } from "~/domain/wave-label";

export const meta: MetaFunction = () => [{ title: "Programme set-up – Admin – Stepping Up" }];

const threshold = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

const DetailsSchema = z
  .object({
    intent: z.literal("details"),
    name: requiredText("Enter the programme's name", { what: "The name", max: 120 }),
    trustName: requiredText("Enter the trust's name", { what: "The trust's name", max: 200 }),
    milestoneSlipDays: threshold("Milestone slip", 1, 365),
    pdsaStaleWeeks: threshold("PDSA inactivity", 1, 52),
    statusStaleWeeks: threshold("Status report age", 1, 52),
    measureGapPeriods: threshold("Missing data periods", 1, 24),
    askOpenDays: threshold("Open ask age", 1, 365),
  })
  .strict();

const nameField = (what: string) => requiredText(`Enter the ${what}'s name`, { what: "The name", max: 120 });

const NamedSchema = z
  .object({
    intent: z.enum([
      "theme-add",
      "theme-rename",
      "theme-retire",
      "theme-restore",
      "theme-delete",
      "division-add",
      "division-rename",
      "division-retire",
      "division-restore",
      "division-delete",
    ]),
    id: z.coerce.number().int().positive().optional(),
    name: z.string().optional(),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict();

const WaveSchema = z
  .object({
    intent: z.enum(["wave-add", "wave-edit"]),
    id: z.coerce.number().int().positive().optional(),
    number: z.coerce
      .number({ error: "Enter the wave's number" })
      .int("The wave number must be a whole number")
      .min(1, "The wave number must be 1 or more")
      .max(999),
    name: optionalText({ what: "The name", max: 120 }),
    startsOn: dayField({
      what: "The start date",
      required: "Enter the start date",
    }),
    endsOn: dayField({ what: "The end date", required: "Enter the end date" }),
    [FORM_TOKEN_FIELD]: formToken(),
  })
  .strict()
  .refine((w) => w.endsOn > w.startsOn, { message: "The end date must be after the start date", path: ["endsOn"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "change the programme set-up");
  const db = getDb();
  const programme = getProgramme(db);
  return { programme, ...getProgrammeSetup(db, programme.id) };
}

/** A refused theme or division change: which list, which row (null for the add form), the message and the text typed. */
type NamedError = { kind: string; id: number | null; message: string; typed: string };
type Reply = { details?: unknown; wave?: unknown; named?: NamedError | null; done?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, "change the programme set-up");
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");

  if (intent === "details") {
    const submission = parseSubmission(formData, { schema: DetailsSchema });
    if (submission.status !== "success") return data<Reply>({ details: submission.reply() }, { status: 400 });
    const { intent: _i, ...values } = submission.value;
    valueOf(saveProgrammeDetails(db, actor, { programmeId, values }));
    return data<Reply>({
      details: submission.reply(),
      done: "Programme details saved. The board's flags use the new thresholds.",
    });
  }

  if (intent.startsWith("wave-")) {
    const submission = parseSubmission(formData, { schema: WaveSchema });
    if (submission.status !== "success") return data<Reply>({ wave: submission.reply() }, { status: 400 });
    const w = submission.value;
    const adding = w.intent === "wave-add";
    if (!adding && !w.id) notFound("wave");
    const wave = {
      id: adding ? undefined : w.id,
      number: w.number,
      name: w.name || `Wave ${w.number}`,
      startsOn: w.startsOn,
      endsOn: w.endsOn,
    };
    const once = { userId: user.id, kind: "wave", token: adding ? w.formToken : undefined };
    const saved = saveWave(db, actor, { programmeId, wave, once });
    if (!saved.ok) {
      if (saved.status !== 400) refusal(saved);
      return data<Reply>({ wave: submission.reply({ fieldErrors: { number: [saved.refused] } }) }, { status: 400 });
    }
    if (saved.value.replayed) return redirect(saved.value.location);
    return data<Reply>({ wave: submission.reply({ resetForm: true }), done: `Wave ${w.number} saved.` });
  }

  const parsed = parseFields(formData, NamedSchema);
  if (!parsed.success) badRequest("That request was not understood.");
  const [kind, verb] = parsed.data.intent.split("-") as [NamedKind, "add" | "rename" | "retire" | "restore" | "delete"];
  const label = namedLabel(kind);
  const once = { userId: user.id, kind, token: verb === "add" ? parsed.data.formToken : undefined };
  const replay = spentFormToken(db, once);
  if (replay) return redirect(replay);
  let name = "";
  if (verb === "add" || verb === "rename") {
    const checked = nameField(label).safeParse(parsed.data.name ?? "");
    if (!checked.success) {
      const named = { kind, id: verb === "rename" ? (parsed.data.id ?? null) : null, message: checked.error.issues[0].message, typed: parsed.data.name ?? "" };
      return data<Reply>({ named }, { status: 400 });
    }
    name = checked.data;
  }
  const id = parsed.data.id;
  const saved =
    verb === "add"
      ? addNamed(db, actor, { programmeId, kind, name, once })
      : id
        ? changeNamed(db, actor, { programmeId, kind, id, change: verb === "rename" ? { verb, name } : { verb } })
        : notFound(label);
  if (!saved.ok) {
    // A taken name is shown beside the list; other refusals are the error page.
    if (verb === "delete" || saved.status !== 400) refusal(saved);
    return data<Reply>({ named: { kind, id: verb === "add" ? null : (id ?? null), message: saved.refused, typed: name } }, { status: 400 });
  }
  if (saved.value?.replayed) return redirect(saved.value.location);
  return data<Reply>({ done: verb === "add" ? `Added ${name}.` : "Saved." });
}

function NamedList({
  kind,
  title,
  items,
  error,
}: {
  kind: "theme" | "division";
  title: string;
  items: { id: number; name: string; retiredAt: Date | string | null; projects: number }[];
  error: NamedError | null;
}) {
  const label = kind === "theme" ? "strategic theme" : "division";
  const addError = error && error.id === null ? error : null;
  return (
    <section>
      <h2 id={`${kind}s`}>{title}</h2>
      {items.length === 0 ? <p>None yet.</p> : null}
      <ul className="nhsuk-list nhsuk-list--border">
        {items.map((item) => {
          const rowError = error && error.id === item.id ? error : null;
          return (
            <li key={item.id} className={`app-setup-item${rowError ? " nhsuk-form-group--error" : ""}`}>
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="id" value={item.id} />
                <label className="nhsuk-u-visually-hidden" htmlFor={`${kind}-${item.id}`}>
                  Name of {label} {item.name}
                </label>
                {rowError ? (
                  <ErrorMessage id={`${kind}-${item.id}-error`}>
                    {rowError.message}. Not saved: the name is still {item.name}.
                  </ErrorMessage>
                ) : null}
                <input
                  key={rowError ? `rejected-${rowError.typed}` : item.name}
                  className={`nhsuk-input nhsuk-input--width-20${rowError ? " nhsuk-input--error" : ""}`}
                  id={`${kind}-${item.id}`}
                  name="name"
                  defaultValue={rowError ? rowError.typed : item.name}
                  aria-describedby={rowError ? `${kind}-${item.id}-error` : undefined}
                />{" "}
                <button className="app-button--link" type="submit" name="intent" value={`${kind}-rename`}>
                  Rename<span className="nhsuk-u-visually-hidden"> {item.name}</span>
                </button>
              </Form>{" "}
              <span className="nhsuk-body-s app-muted">
                {item.projects} project{item.projects === 1 ? "" : "s"}
                {item.retiredAt ? " · retired" : ""}
              </span>{" "}
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="id" value={item.id} />
                {item.projects > 0 ? (
                  <button className="app-button--link" type="submit" name="intent" value={`${kind}-${item.retiredAt ? "restore" : "retire"}`}>
                    {item.retiredAt ? "Restore" : "Retire"}
                    <span className="nhsuk-u-visually-hidden"> {item.name}</span>
                  </button>
                ) : (
                  <button className="app-button--link" type="submit" name="intent" value={`${kind}-delete`}>
                    Delete<span className="nhsuk-u-visually-hidden"> {item.name}</span>
                  </button>
                )}
              </Form>
            </li>
          );
        })}
      </ul>
      {/* A new row has a new highest id: the add form starts again empty after an add (a refused name stays to correct). */}
      <Form
        key={`add-${items.reduce((max, i) => Math.max(max, i.id), 0)}`}
        method="post"
        className={`nhsuk-form-group${addError ? " nhsuk-form-group--error" : ""}`}
      >
        <FormToken />
        <label className="nhsuk-label" htmlFor={`${kind}-new`}>
          Add a {label}
        </label>
        {addError ? <ErrorMessage id={`${kind}-new-error`}>{addError.message}</ErrorMessage> : null}
        <input
          className={`nhsuk-input nhsuk-input--width-20${addError ? " nhsuk-input--error" : ""}`}
          id={`${kind}-new`}
          name="name"
          defaultValue={addError?.typed}
          aria-describedby={addError ? `${kind}-new-error` : undefined}
        />{" "}
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" name="intent" value={`${kind}-add`}>
          Add
        </button>
      </Form>
    </section>
  );
}

type SetupWave = ReturnType<typeof useLoaderData<typeof loader>>["waves"][number];

const WAVE_COLUMNS: TableColumn<SetupWave>[] = [
  { id: "wave", header: "Wave", cell: (w) => <Link to={`/admin/waves/${w.id}`}>{waveLabel(w.number, w.name)}</Link> },
  { id: "dates", header: "Dates", cell: (w) => `${formatDay(w.startsOn)} to ${formatDay(w.endsOn)}` },
  { id: "projects", header: "Projects", cell: (w) => w.projects },
  { id: "state", header: "State", cell: (w) => (w.archivedAt ? "Archived" : "Open") },
];

export default function ProgrammeSetup() {
  const { programme, themes, divisions, waves } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Reply | undefined;
  const [form, fields] = useNhsForm(DetailsSchema, result?.details as never, "programme-details", {
    name: programme.name,
    trustName: programme.trustName,
    milestoneSlipDays: String(programme.milestoneSlipDays),
    pdsaStaleWeeks: String(programme.pdsaStaleWeeks),
    statusStaleWeeks: String(programme.statusStaleWeeks),
    measureGapPeriods: String(programme.measureGapPeriods),
    askOpenDays: String(programme.askOpenDays),
  });
  const [waveForm, waveFields] = useNhsForm(WaveSchema, result?.wave as never, "wave-add");
  const namedError = (kind: string) => (result?.named?.kind === kind ? result.named : null);
  return (
    <>
      <h1>Programme set-up</h1>
      <DoneNotice message={result?.done} />
      <h2 id="thresholds">Programme and attention thresholds</h2>
      <ErrorSummary
        form={form}
        fields={{
          name: fields.name,
          trustName: fields.trustName,
          milestoneSlipDays: fields.milestoneSlipDays,
          pdsaStaleWeeks: fields.pdsaStaleWeeks,
          statusStaleWeeks: fields.statusStaleWeeks,
          measureGapPeriods: fields.measureGapPeriods,
          askOpenDays: fields.askOpenDays,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="details" />
        <TextField field={fields.name} label="Programme name" width={30} />
        <TextField field={fields.trustName} label="Trust name" width={30} />
        <p>A project is flagged for the board when it passes one of these. A flag starts the day after the number is passed.</p>
        <div className="app-definition-grid">
          <TextField field={fields.milestoneSlipDays} label="Milestone slipped more than (days)" type="number" width={4} />
          <TextField field={fields.pdsaStaleWeeks} label="No PDSA activity for more than (weeks)" type="number" width={4} />
          <TextField field={fields.statusStaleWeeks} label="No status report for more than (weeks)" type="number" width={4} />
          <TextField field={fields.measureGapPeriods} label="Measure without data for (periods)" type="number" width={4} />
          <TextField field={fields.askOpenDays} label="Ask open for more than (days)" type="number" width={4} />
        </div>
        <button className="nhsuk-button" type="submit">
          Save programme details
        </button>
      </Form>

      <NamedList kind="theme" title="Strategic themes" items={themes} error={namedError("theme")} />
      <NamedList kind="division" title="Divisions" items={divisions} error={namedError("division")} />

      <section>
        <h2 id="waves">Waves</h2>
        {waves.length ? <Table caption="Waves" captionHidden columns={WAVE_COLUMNS} rows={waves} rowKey={(w) => w.id} /> : <p>No waves yet.</p>}
        <h3>Add a wave</h3>
        <ErrorSummary
          form={waveForm}
          fields={{
            number: waveFields.number,
            name: waveFields.name,
            startsOn: waveFields.startsOn,
            endsOn: waveFields.endsOn,
          }}
        />
        <Form method="post" {...getFormProps(waveForm)}>
          <input type="hidden" name="intent" value="wave-add" />
          <FormToken />
          <TextField field={waveFields.number} label="Wave number" type="number" width={4} />
          <TextField field={waveFields.name} label="Name (optional)" width={20} />
          <DateInput field={waveFields.startsOn} legend="Starts on" />
          <DateInput field={waveFields.endsOn} legend="Ends on" hint="Listening into Action waves usually run for about 20 weeks." />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Add wave
          </button>
        </Form>
      </section>
    </>
  );
}
