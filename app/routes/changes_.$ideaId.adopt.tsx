// Adopting a change idea marked ready to spread into one of the person's own open projects (ADR 104).
// Two plain steps: choose the project (a GET form, so the next step can list that project's drivers),
// then the secondary driver to place the copy under (or none) and confirm. No JavaScript needed.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { FormToken } from "~/components/form-token";
import { ErrorSummary, SelectField, useNhsForm } from "~/components/forms";
import { ErrorSummaryBox, InsetText, Radios, SummaryList } from "~/components/nhs";
import { actorOf } from "~/auth/actor.server";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { AdoptSchema } from "~/forms/adopt-form";
import { parseSubmission } from "~/forms/submission.server";
import { listDrivers } from "~/models/driver.server";
import { adoptChangeIdea } from "~/models/spread-commands.server";
import { adoptionTargets, getSpreadIdea, projectsWithCopy, spreadTo } from "~/models/spread.server";
import { plural } from "~/domain/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Adopt ${data?.idea.title ?? "a change idea"} – Change package – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const ideaId = parseId(params.ideaId, "change idea");
  const db = getDb();
  const idea = getSpreadIdea(db, ideaId);
  if (!idea) notFound("change idea");
  const copies = projectsWithCopy(db, idea.id);
  const targets = adoptionTargets(db, user)
    .filter((t) => t.id !== idea.projectId)
    .map((t) => ({ ...t, adopted: copies.has(t.id) }));
  const search = new URL(request.url).searchParams;
  const wanted = search.get("project");
  const chosen = targets.find((t) => String(t.id) === wanted) ?? null;
  // The project step was submitted without a project of the person's (none chosen, or a forged one).
  const chooseError = (search.has("step") || wanted !== null) && chosen === null;
  const drivers = chosen && !chosen.adopted ? listDrivers(db, chosen.id).filter((d) => d.level === "secondary") : [];
  const copyInChosen = chosen?.adopted ? (spreadTo(db, [idea.id]).get(idea.id) ?? []).find((l) => l.projectId === chosen.id) : undefined;
  return {
    idea: {
      id: idea.id,
      title: idea.title,
      description: idea.description,
      spreadSummary: idea.spreadSummary,
      version: idea.version,
      projectId: idea.projectId,
      projectTitle: idea.projectTitle,
    },
    spreadCount: copies.size,
    targets,
    chosen,
    copyInChosen: copyInChosen ?? null,
    chooseError,
    drivers: drivers.map((d) => ({ id: d.id, title: d.title })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const ideaId = parseId(params.ideaId, "change idea");
  const submission = parseSubmission(await request.formData(), { schema: AdoptSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const v = submission.value;
  const done = adoptChangeIdea(getDb(), actorOf(user, context), {
    ideaId,
    version: v.version,
    projectId: v.projectId,
    driverId: v.driverId ?? null,
    formToken: v.formToken,
  });
  if (done.ok) return redirect(done.value.location);
  if ("conflict" in done) return data({ result: submission.reply(), conflict: done.conflict }, { status: 409 });
  return data({ result: submission.reply({ formErrors: [done.refused] }), conflict: null }, { status: done.status });
}

function ChooseProject({ ideaId, targets, error }: { ideaId: number; targets: { id: number; title: string; adopted: boolean }[]; error: boolean }) {
  return (
    <Form method="get" action={`/changes/${ideaId}/adopt`}>
      {error ? <ErrorSummaryBox errors={[{ text: CHOOSE_PROJECT, href: "#adopt-project" }]} /> : null}
      <input type="hidden" name="step" value="project" />
      <Radios
        name="project"
        idPrefix="adopt-project"
        legend="Which of your projects should adopt it?"
        legendSize="m"
        hint="Your open projects whose team you are on."
        checked={targets.length === 1 ? [String(targets[0].id)] : []}
        items={targets.map((t) => ({ value: String(t.id), label: t.title, hint: t.adopted ? "Already adopted this change idea" : undefined }))}
      />
      <button className="nhsuk-button" type="submit">
        Continue
      </button>
    </Form>
  );
}

function Confirm() {
  const { idea, chosen, drivers } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const version = last?.conflict?.currentVersion ?? idea.version;
  const [form, fields] = useNhsForm(AdoptSchema, last?.result, `adopt-${idea.id}-${chosen?.id ?? ""}`, { driverId: "" });
  if (!chosen) return null;
  return (
    <>
      <ErrorSummary form={form} fields={{ projectId: fields.projectId, driverId: fields.driverId }} />
      <ConflictNotice conflict={last?.conflict} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="projectId" value={chosen.id} />
        <input type="hidden" name="version" value={version} />
        <FormToken />
        <h2>Adopt it in {chosen.title}</h2>
        <p>
          It is added to the driver diagram of {chosen.title} as a new change idea, with a link back to {idea.projectTitle}. Test it there with your own PDSA
          cycles. <Link to={`/changes/${idea.id}/adopt`}>Choose another project</Link>
        </p>
        {drivers.length ? (
          <SelectField
            field={fields.driverId}
            label="Which secondary driver should it go under?"
            hint="You can link it to a driver later on the driver diagram."
            options={[{ value: "", label: "Not linked to a driver yet" }, ...drivers.map((d) => ({ value: String(d.id), label: d.title }))]}
          />
        ) : (
          <p>{chosen.title} has no secondary drivers yet, so the change idea will not be linked to one. You can link it on the driver diagram later.</p>
        )}
        <button className="nhsuk-button" type="submit">
          Adopt change idea
        </button>
      </Form>
    </>
  );
}

const CHOOSE_PROJECT = "Choose the project to adopt the change idea into";

export default function AdoptChangeIdea() {
  const { idea, spreadCount, targets, chosen, copyInChosen, chooseError } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const confirming = Boolean(idea.spreadSummary && chosen && !chosen.adopted);
  // A refused post shows its reason here when the confirm form (which shows its own) is not on the page.
  const refusals = !confirming && last ? Object.values(last.result.error ?? {}).flatMap((m) => m ?? []) : [];
  return (
    <>
      {refusals.length ? <ErrorSummaryBox errors={refusals.map((text) => ({ text, href: "#maincontent" }))} focusKey={last} /> : null}
      <ConflictNotice conflict={confirming ? null : last?.conflict} />
      <p>
        <Link to="/changes?spread=ready">Back to the spread candidates</Link>
      </p>
      <span className="nhsuk-caption-l">Adopt a change idea</span>
      <h1>{idea.title}</h1>
      <SummaryList
        rows={[
          { key: "From", value: <Link to={`/projects/${idea.projectId}/drivers#node-idea-${idea.id}`}>{idea.projectTitle}</Link> },
          { key: "What to copy", value: idea.spreadSummary ? <span className="app-pre-line">{idea.spreadSummary}</span> : "Not marked ready to spread" },
          ...(idea.description ? [{ key: "Description", value: <span className="app-pre-line">{idea.description}</span> }] : []),
          { key: "Spread so far", value: spreadCount ? `Spread to ${plural(spreadCount, "project")}` : "Not adopted by another project yet" },
        ]}
      />
      {!idea.spreadSummary ? (
        <InsetText>
          <p>
            This change idea is not marked ready to spread, so it cannot be adopted. Its team marks an idea ready once their PDSA cycles show it works. See{" "}
            <Link to="/changes?spread=ready">the spread candidates</Link>.
          </p>
        </InsetText>
      ) : targets.length === 0 ? (
        <InsetText>
          <p>
            You can adopt a change idea into an open project whose team you are on. You are not on the team of one (other than {idea.projectTitle}), so there is
            nowhere to adopt it. Ask a lead of your project to add you to its team.
          </p>
        </InsetText>
      ) : chosen === null ? (
        <ChooseProject ideaId={idea.id} targets={targets} error={chooseError} />
      ) : chosen.adopted ? (
        <InsetText>
          <p>
            {chosen.title} has already adopted this change idea
            {copyInChosen ? (
              <>
                : <Link to={`/projects/${chosen.id}/drivers#node-idea-${copyInChosen.ideaId}`}>see it on its driver diagram</Link>
              </>
            ) : null}
            . <Link to={`/changes/${idea.id}/adopt`}>Choose another project</Link>
          </p>
        </InsetText>
      ) : (
        <Confirm />
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
