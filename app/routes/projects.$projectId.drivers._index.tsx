// The project's driver diagram: its theory of change drawn as an SVG (aim | primary | secondary |
// change ideas, with each idea's evidence from its PDSA cycles), the same diagram as a nested list
// (for screen readers and phones), and forms to add drivers and change ideas. Every edit of one
// node is on its own page (projects.$projectId.drivers.$node.tsx), so nothing needs JavaScript.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DriverDiagramList, DriverDiagramSvg } from "~/components/driver-diagram";
import { useDriverDrag } from "~/components/driver-drag";
import { FormToken } from "~/components/form-token";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { InsetText } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { SuccessBanner } from "~/components/success-banner";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requireProjectEditor, requireUser } from "~/auth/guards.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { getDb } from "~/db.server";
import { AddIdeaSchema, AddPrimarySchema, AddSecondarySchema } from "~/forms/driver-forms";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { addDriver, addIdea } from "~/models/driver-commands.server";
import { getDiagram } from "~/models/driver.server";
import { adoptionTargets, projectSpread } from "~/models/spread.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { diagramView } from "~/web/driver-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Driver diagram – ${data?.projectTitle ?? "Project"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  const d = getDiagram(db, projectId);
  const versions = {
    drivers: Object.fromEntries([...d.primaries, ...d.secondaries].map((x) => [x.id, x.version])),
    ideas: Object.fromEntries(d.ideas.map((x) => [x.id, x.version])),
  };
  const canAdopt = adoptionTargets(db, user).some((p) => p.id !== projectId);
  return { projectId, projectTitle: header.title, diagram: diagramView(d), versions, spread: { ...projectSpread(db, projectId), canAdopt } };
}

const SCHEMAS = { "add-primary": AddPrimarySchema, "add-secondary": AddSecondarySchema, "add-idea": AddIdeaSchema } as const;
type Intent = keyof typeof SCHEMAS;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!(intent in SCHEMAS)) badRequest("That request was not understood.");
  const submission = parseSubmission(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== "success") return data({ intent, result: submission.reply(), pii: false }, { status: 400 });
  const v = submission.value;
  const description = v.description ?? "";
  const pii = patientDataWarning({ title: v.title, description }, formData);
  if (pii) return data({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
  const actor = actorOf(user, context);
  const done =
    v.intent === "add-idea"
      ? addIdea(db, actor, { projectId, title: v.title, description, driverId: v.driverId ?? null, formToken: v.formToken })
      : addDriver(db, actor, {
          projectId,
          level: v.intent === "add-primary" ? "primary" : "secondary",
          title: v.title,
          description,
          parentId: v.intent === "add-secondary" ? (v.parentId ?? null) : null,
          formToken: v.formToken,
        });
  if (!done.ok) {
    const field =
      v.intent === "add-idea" && /title/.test(done.refused)
        ? "title"
        : v.intent === "add-idea"
          ? "driverId"
          : v.intent === "add-secondary"
            ? "parentId"
            : "title";
    return data({ intent, result: submission.reply({ fieldErrors: { [field]: [done.refused] } }), pii: false }, { status: done.status });
  }
  return redirect(done.value.location);
}

function AddForm({
  intent,
  heading,
  label,
  hint,
  children,
}: {
  intent: Intent;
  heading: string;
  label: string;
  hint: string;
  children?: (fields: ReturnType<typeof useNhsForm>[1]) => React.ReactNode;
}) {
  const last = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useNhsForm(SCHEMAS[intent], last?.intent === intent ? last.result : undefined, `${intent}-${params.get("saved") ?? ""}`);
  return (
    <section aria-labelledby={`${intent}-heading`} className="app-driver-add">
      <h3 id={`${intent}-heading`}>{heading}</h3>
      <ErrorSummary form={form} fields={{ title: fields.title, description: fields.description, parentId: fields.parentId, driverId: fields.driverId }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <FormToken />
        <TextField field={fields.title} label={label} hint={hint} width={30} />
        <TextareaField field={fields.description} label="Description (optional)" rows={2} />
        {children?.(fields)}
        <PiiConfirm show={Boolean(last?.intent === intent && last.pii)} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          {heading}
        </button>
      </Form>
    </section>
  );
}

export default function DriverDiagramPage() {
  const { projectId, projectTitle, diagram, versions, spread } = useLoaderData<typeof loader>();
  const { permissions } = useProjectLayout();
  const drag = useDriverDrag(diagram, versions, `/projects/${projectId}/drivers`);
  const [params] = useSearchParams();
  const base = `/projects/${projectId}`;
  const saved = params.get("saved");
  const removed = params.get("removed");
  const adopted = params.get("adopted");
  const cyclesUnlinked = diagram.ideas.filter((i) => i.cycles > 0 && i.driverIds.length === 0);
  return (
    <>
      <h2>Driver diagram</h2>
      {saved ? <SuccessBanner message="Saved to the driver diagram" titleId="driver-saved-title" /> : null}
      {adopted ? <SuccessBanner message="Change idea adopted: it is on this diagram with a link to where it came from" titleId="driver-adopted-title" /> : null}
      {removed ? <SuccessBanner message={`Removed: ${removed}. Its change ideas and PDSA cycles are kept.`} titleId="driver-removed-title" /> : null}
      <p>
        The team&apos;s theory of change: the aim, the primary drivers that most affect it, the secondary drivers under them and the change ideas tested by PDSA
        cycles. Each change idea shows what its cycles found.
      </p>
      <p>
        <Link to={`${base}/drivers.svg`} reloadDocument download>
          Download the diagram (SVG)
        </Link>{" "}
        · <Link to="pick">PICK chart</Link> · <Link to="/changes">Change ideas across the programme</Link>
      </p>
      {cyclesUnlinked.length ? (
        <InsetText>
          <p>
            {cyclesUnlinked.length === 1 ? "1 change idea with PDSA cycles is" : `${cyclesUnlinked.length} change ideas with PDSA cycles are`} not under a
            driver yet: {cyclesUnlinked.map((i) => i.title).join(", ")}.{" "}
            {permissions.edit ? "Link each to the secondary driver it tests, so the diagram shows the theory behind it." : ""}
          </p>
        </InsetText>
      ) : null}
      <div className="app-driver-figure" aria-hidden="false">
        <DriverDiagramSvg d={diagram} title={`Driver diagram of ${projectTitle}. The same diagram follows as a list.`} />
      </div>
      <h3>The diagram as a list</h3>
      {permissions.edit ? drag.status : null}
      <DriverDiagramList
        d={permissions.edit ? drag.view : diagram}
        editBase={permissions.edit ? `${base}/drivers` : undefined}
        cycleBase={`${base}/pdsa`}
        drag={permissions.edit ? drag : undefined}
        spread={spread}
      />
      {permissions.edit ? (
        <>
          <h2 className="nhsuk-u-margin-top-6">Build the diagram</h2>
          <p>Add drivers and change ideas here; choose Change beside any of them to rename, describe, reorder, link, move or remove it.</p>
          <AddForm
            intent="add-primary"
            heading="Add a primary driver"
            label="Primary driver"
            hint="A big factor that most affects the aim, like 'Reliable screening'."
          />
          <AddForm intent="add-secondary" heading="Add a secondary driver" label="Secondary driver" hint="A part of the system that moves a primary driver.">
            {(fields) => (
              <SelectField
                field={fields.parentId}
                label="Goes under"
                options={[{ value: "", label: "Not linked yet" }, ...diagram.primaries.map((p) => ({ value: String(p.id), label: p.title }))]}
              />
            )}
          </AddForm>
          <AddForm intent="add-idea" heading="Add a change idea" label="Change idea" hint="A change to test with PDSA cycles.">
            {(fields) => (
              <SelectField
                field={fields.driverId}
                label="Goes under"
                options={[{ value: "", label: "Not linked yet" }, ...diagram.secondaries.map((s) => ({ value: String(s.id), label: s.title }))]}
              />
            )}
          </AddForm>
        </>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
