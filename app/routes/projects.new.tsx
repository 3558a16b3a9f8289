import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Breadcrumbs } from "~/components/layout";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { DateInput, Fieldset, FormButtons, Hint } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import { canPropose } from "~/domain/permissions";
import { LONG_TEXT, optionalId, SHORT_TEXT, strictForm } from "~/forms/charter-form";
import { requiredText } from "~/forms/text-field";
import { SMART_AIM_FIELDS, smartAimValues } from "~/forms/smart-aim";
import { requirePermission } from "~/auth/guards.server";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { actorOf } from "~/auth/actor.server";
import { valueOf } from "~/web/command-reply.server";
import { proposeProject } from "~/models/project-stage-commands.server";
import { listCharterOptions, optionBelongs } from "~/models/charter.server";
import { getProgramme } from "~/models/programme.server";
import { FORM_TOKEN_FIELD, formToken } from "~/forms/form-token";
import { FormToken } from "~/components/form-token";
import { SimilarProjectList, type SimilarProjectItem } from "~/components/similar-projects";
import { similarProjects } from "~/models/learning.server";
import type { SimilarResponse } from "~/routes/learning_.similar";

export const meta: MetaFunction = () => [{ title: "Propose a project – Stepping Up" }];

const ProposalSchema = strictForm({
  title: requiredText("Enter a title for the project", { what: "The title", max: SHORT_TEXT }),
  problem: requiredText("Describe the problem you want to fix", {
    what: "The problem",
    max: LONG_TEXT,
    multiline: true,
  }),
  proposalIdea: requiredText("Describe your idea for improving it", {
    what: "The idea",
    max: LONG_TEXT,
    multiline: true,
  }),
  divisionId: optionalId("Choose a division from the list"),
  ...SMART_AIM_FIELDS,
  [FORM_TOKEN_FIELD]: formToken(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canPropose, "propose projects");
  const db = getDb();
  return { divisions: listCharterOptions(db, getProgramme(db).id).divisions };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canPropose, "propose projects");
  const db = getDb();
  const formData = await request.formData();
  if (formData.get("intent") === "similar") {
    // "Check for similar projects" (the form without JavaScript): nothing is saved, the form keeps what was typed.
    formData.delete("intent");
    const typed = parseSubmission(formData, { schema: ProposalSchema }).reply();
    const similar = similarProjects(db, getProgramme(db).id, { title: String(formData.get("title") ?? ""), problem: String(formData.get("problem") ?? "") });
    return data({ result: { initialValue: typed.initialValue }, pii: false, similar });
  }
  const submission = parseSubmission(formData, { schema: ProposalSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pii: false }, { status: 400 });
  const { title, problem, proposalIdea, divisionId = null, formToken: token } = submission.value;
  const aim = smartAimValues(submission.value);

  const programme = getProgramme(db);
  if (!optionBelongs(listCharterOptions(db, programme.id), "divisions", divisionId)) {
    return data({ result: submission.reply({ fieldErrors: { divisionId: ["Choose a division from the list"] } }), pii: false }, { status: 400 });
  }
  const pii = patientDataWarning({ title, problem, proposalIdea, aimWhat: aim.aimWhat, aimForWhom: aim.aimForWhom, aimMeasure: aim.aimMeasure }, formData);
  if (pii) return data({ result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });

  const once = { userId: user.id, kind: "project", token };
  const { location } = valueOf(
    proposeProject(db, actorOf(user, context), {
      programmeId: programme.id,
      title,
      problem,
      proposalIdea,
      divisionId,
      ...aim,
      once,
    }),
  );
  return redirect(location);
}

export default function ProposeProject() {
  const { divisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useNhsForm(ProposalSchema, actionData?.result);
  const similar = useSimilarProjects(actionData && "similar" in actionData ? actionData.similar : null);
  return (
    <>
      <Breadcrumbs items={[{ to: "/projects", label: "Projects" }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary
            form={form}
            fields={{
              title: fields.title,
              problem: fields.problem,
              proposalIdea: fields.proposalIdea,
              divisionId: fields.divisionId,
              aimWhat: fields.aimWhat,
              aimForWhom: fields.aimForWhom,
              aimMeasure: fields.aimMeasure,
              aimBaseline: fields.aimBaseline,
              aimTarget: fields.aimTarget,
              aimTargetDate: fields.aimTargetDate,
            }}
          />
          <h1>Propose a project</h1>
          <p>
            Tell the Stepping Up board what you want to improve. A board member will approve or decline your proposal. You join the project team, so you can
            keep working on it: add to the aim and the scope while it waits.
          </p>
          <Form method="post" {...getFormProps(form)} onInput={similar.onInput}>
            <FormToken />
            <TextField field={fields.title} label="Project title" hint="A short name people will recognise" width={30} />
            <TextareaField
              field={fields.problem}
              label="What is the problem?"
              hint="What happens now, who it affects and how you know, for example from an audit, incidents or a CQC report"
              rows={5}
            />
            <TextareaField
              field={fields.proposalIdea}
              label="What is your idea?"
              hint="The change you would like to test, and where you would start"
              rows={5}
            />
            <SimilarWork projects={similar.projects} />
            <Fieldset legend="SMART aim (optional)" legendSize="m">
              <Hint>
                If you know it already: what will improve, for whom, how you will measure it, and by how much by when. You can add or change it later, before
                the board decides.
              </Hint>
              <TextField field={fields.aimWhat} label="What will improve" hint="For example, give IV antibiotics within one hour of arrival" />
              <TextField field={fields.aimForWhom} label="For whom" hint="For example, adults with red-flag sepsis in the Emergency Department" />
              <TextField field={fields.aimMeasure} label="The measure" hint="How you will count it, for example the weekly audit percentage" />
              <TextField field={fields.aimBaseline} label="Baseline value" hint="Where it is now, as a number" width={5} />
              <TextField field={fields.aimTarget} label="Target value" hint="Where you aim to get to, as a number" width={5} />
              <DateInput field={fields.aimTargetDate} legend="Date to reach the target" />
            </Fieldset>
            <SelectField
              field={fields.divisionId}
              label="Division (optional)"
              placeholder="Not sure yet"
              options={divisions.map((d) => ({ value: String(d.id), label: d.name }))}
            />
            <PiiConfirm show={Boolean(actionData?.pii)} />
            <FormButtons submit="Send proposal" />
          </Form>
        </div>
      </div>
    </>
  );
}

/**
 * Similar projects for what is typed: a fetcher to /learning/similar refreshes them as the person types
 * (after a pause); without JavaScript the "Check for similar projects" button asks the action instead.
 */
function useSimilarProjects(fromAction: SimilarProjectItem[] | null) {
  const fetcher = useFetcher<SimilarResponse>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [asked, setAsked] = useState("");
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name !== "title" && target.name !== "problem") return;
    const form = event.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const title = (form.elements.namedItem("title") as HTMLInputElement | null)?.value ?? "";
      const problem = (form.elements.namedItem("problem") as HTMLTextAreaElement | null)?.value ?? "";
      const query = new URLSearchParams({ title, problem }).toString();
      if (query === asked) return;
      setAsked(query);
      fetcher.load(`/learning/similar?${query}`);
    }, 350);
  };
  return { projects: fetcher.data?.projects ?? fromAction, onInput };
}

function SimilarWork({ projects }: { projects: SimilarProjectItem[] | null }) {
  return (
    <div className="nhsuk-form-group">
      <div aria-live="polite">
        {projects === null ? null : projects.length === 0 ? (
          <p className="nhsuk-body-s" id="similar-title">
            No similar projects found yet.
          </p>
        ) : (
          <div className="nhsuk-inset-text nhsuk-u-margin-top-0">
            <h2 className="nhsuk-heading-s" id="similar-title">
              Similar projects
            </h2>
            <p className="nhsuk-body-s">Before you start, see what these teams tried and learned: you may be able to join or build on one.</p>
            <SimilarProjectList projects={projects} headingId="similar-title" />
          </div>
        )}
      </div>
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit" name="intent" value="similar" formNoValidate>
        Check for similar projects
      </button>
    </div>
  );
}
