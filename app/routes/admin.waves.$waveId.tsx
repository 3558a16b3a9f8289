// One wave: its number, name and dates, and archiving it once it is over.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { DoneNotice } from "~/components/done-notice";
import { Breadcrumbs } from "~/components/layout";
import { DateInput } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { waveLabel } from "~/domain/wave-label";
import { dayField } from "~/forms/day-field";
import { parseSubmission } from "~/forms/submission.server";
import { optionalText } from "~/forms/text-field";
import { actorOf } from "~/auth/actor.server";
import { badRequest, notFound, requirePermission } from "~/auth/guards.server";
import { refusal, valueOf } from "~/web/command-reply.server";
import { archiveWave, saveWave } from "~/models/programme-commands.server";
import { getProgrammeSetup } from "~/models/programme-setup.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Wave ${data.wave.number}` : "Wave"} – Programme set-up – Stepping Up` }];

const EditWaveSchema = z
  .object({
    number: z.coerce
      .number({ error: "Enter the wave's number" })
      .int("The wave number must be a whole number")
      .min(1, "The wave number must be 1 or more")
      .max(999, "The wave number must be 999 or less"),
    name: optionalText({ what: "The name", max: 120 }),
    startsOn: dayField({ what: "The start date", required: "Enter the start date" }),
    endsOn: dayField({ what: "The end date", required: "Enter the end date" }),
  })
  .strict()
  .refine((w) => w.endsOn > w.startsOn, { message: "The end date must be after the start date", path: ["endsOn"] });

const what = "change the programme set-up";

function findWave(params: { waveId?: string }) {
  const id = Number(params.waveId);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const wave = Number.isInteger(id) ? getProgrammeSetup(db, programmeId).waves.find((w) => w.id === id) : undefined;
  return { db, programmeId, wave: wave ?? notFound("wave") };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, what);
  const { wave } = findWave(params);
  const done = new URL(request.url).searchParams.get("done");
  const message = done === "saved" ? "Wave saved." : done === "archive" ? "Wave archived." : done === "restore" ? "Wave restored." : null;
  return { wave, message };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canAdminister, what);
  const { db, programmeId, wave } = findWave(params);
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "archive" || intent === "restore") {
    valueOf(archiveWave(db, actor, { programmeId, waveId: wave.id, archive: intent === "archive" }));
    return redirect(`/admin/waves/${wave.id}?done=${intent}`);
  }
  if (intent !== "edit") badRequest("That request was not understood.");
  formData.delete("intent");
  const submission = parseSubmission(formData, { schema: EditWaveSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const w = submission.value;
  const saved = saveWave(db, actor, {
    programmeId,
    wave: { id: wave.id, number: w.number, name: w.name || `Wave ${w.number}`, startsOn: w.startsOn, endsOn: w.endsOn },
    once: { userId: user.id, kind: "wave", token: undefined },
  });
  if (!saved.ok) {
    if (saved.status !== 400) refusal(saved);
    return data(submission.reply({ fieldErrors: { number: [saved.refused] } }), { status: 400 });
  }
  return redirect(`/admin/waves/${wave.id}?done=saved`);
}

export default function WavePage() {
  const { wave, message } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useNhsForm(EditWaveSchema, lastResult, `wave-${wave.id}`, {
    number: String(wave.number),
    name: wave.name,
    startsOn: wave.startsOn,
    endsOn: wave.endsOn,
  });
  return (
    <>
      <Breadcrumbs items={[{ to: "/admin/programme", label: "Programme set-up" }]} />
      <h1>
        {waveLabel(wave.number, wave.name)}
        {wave.archivedAt ? " (archived)" : ""}
      </h1>
      <DoneNotice message={message} />
      <ErrorSummary form={form} fields={{ number: fields.number, name: fields.name, startsOn: fields.startsOn, endsOn: fields.endsOn }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit" />
        <TextField field={fields.number} label="Wave number" type="number" width={4} />
        <TextField field={fields.name} label="Name (optional)" width={20} />
        <DateInput field={fields.startsOn} legend="Starts on" />
        <DateInput field={fields.endsOn} legend="Ends on" />
        <button className="nhsuk-button" type="submit">
          Save the wave
        </button>
      </Form>
      <h2>{wave.archivedAt ? "Restore" : "Archive"}</h2>
      <p>
        {wave.projects} project{wave.projects === 1 ? " is" : "s are"} in this wave.{" "}
        {wave.archivedAt
          ? "An archived wave is offered for no new project. Restore it to offer it again."
          : "Archive the wave when it is over: its projects keep it, and it is no longer offered for new projects."}
      </p>
      <Form method="post">
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value={wave.archivedAt ? "restore" : "archive"}>
          {wave.archivedAt ? "Restore" : "Archive"} wave {wave.number}
        </button>
      </Form>
    </>
  );
}
