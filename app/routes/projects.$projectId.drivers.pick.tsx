// The PICK chart: each change idea placed by its latest rating of expected impact (high/low) and ease
// (easy/hard) into Possible, Implement, Challenge or Kill. The team re-rates as evidence arrives; every
// rating is kept, newest first, in the history below.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { IdeaStatusTag } from "~/components/driver-diagram";
import { ErrorSummaryBox, InsetText, Table } from "~/components/nhs";
import { actorOf } from "~/auth/actor.server";
import { requireProjectEditor, requireUser } from "~/auth/guards.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { getDb } from "~/db.server";
import { PICK_HINTS, PICK_LABELS } from "~/domain/driver-rules";
import { PickSchema } from "~/forms/driver-forms";
import { parseFields } from "~/forms/submission.server";
import { rateIdea } from "~/models/driver-commands.server";
import { getDiagram } from "~/models/driver.server";
import { useProjectLayout } from "~/routes/projects.$projectId";
import { formatDateTime } from "~/web/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `PICK chart – ${data?.projectTitle ?? "Project"} – Stepping Up` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  const d = getDiagram(db, projectId);
  return { projectId, projectTitle: header.title, ideas: d.ideas, history: d.history };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const parsed = parseFields(await request.formData(), PickSchema);
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  const done = rateIdea(getDb(), actorOf(user, context), { projectId, ...parsed.data, reason: parsed.data.reason ?? "" });
  if (!done.ok) return data({ errors: [done.refused] }, { status: done.status });
  return redirect(`/projects/${projectId}/drivers/pick?rated=${done.value.id}`);
}

export default function PickChart() {
  const { projectId, ideas, history } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const { permissions } = useProjectLayout();
  const [params] = useSearchParams();
  const titleOf = new Map(ideas.map((i) => [i.id, i.title]));
  const unrated = ideas.filter((i) => !i.pick);
  return (
    <>
      <p>
        <Link to={`/projects/${projectId}/drivers`}>Back to the driver diagram</Link>
      </p>
      <h2>PICK chart</h2>
      <p>Each change idea rated by its expected impact and how easy it is: Implement the easy, high-impact ones first; Kill the hard, low-impact ones.</p>
      {params.get("rated") ? (
        <InsetText role="status">
          <p>Rating saved: {titleOf.get(Number(params.get("rated")))}.</p>
        </InsetText>
      ) : null}
      {last?.errors?.length ? <ErrorSummaryBox errors={last.errors.map((text) => ({ text, href: "#rate" }))} focusKey={last} /> : null}
      <div className="app-pick-grid">
        {(["possible", "implement", "kill", "challenge"] as const).map((c) => {
          const inside = ideas.filter((i) => i.pick === c);
          return (
            <section key={c} aria-labelledby={`pick-${c}`}>
              <h3 id={`pick-${c}`} className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
                {PICK_LABELS[c]}
              </h3>
              <p className="nhsuk-body-s">{PICK_HINTS[c]}</p>
              {inside.length ? (
                <ul className="nhsuk-list">
                  {inside.map((i) => (
                    <li key={i.id}>
                      {i.title} <IdeaStatusTag status={i.status} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="nhsuk-body-s">None.</p>
              )}
            </section>
          );
        })}
      </div>
      {unrated.length ? <p>Not rated yet: {unrated.map((i) => i.title).join(", ")}.</p> : null}

      {permissions.edit && ideas.length ? (
        <section id="rate" aria-labelledby="rate-heading">
          <h3 id="rate-heading">Rate a change idea</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="pick" />
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="pick-idea">
                Change idea
              </label>
              <select className="nhsuk-select" id="pick-idea" name="ideaId">
                {ideas.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Expected impact</legend>
              <div className="nhsuk-radios nhsuk-radios--inline">
                {(["high", "low"] as const).map((v) => (
                  <div key={v} className="nhsuk-radios__item">
                    <input className="nhsuk-radios__input" id={`impact-${v}`} name="impact" type="radio" value={v} />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`impact-${v}`}>
                      {v === "high" ? "High" : "Low"}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Ease</legend>
              <div className="nhsuk-radios nhsuk-radios--inline">
                {(["easy", "hard"] as const).map((v) => (
                  <div key={v} className="nhsuk-radios__item">
                    <input className="nhsuk-radios__input" id={`ease-${v}`} name="ease" type="radio" value={v} />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`ease-${v}`}>
                      {v === "easy" ? "Easy" : "Hard"}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="pick-reason">
                Why (optional)
              </label>
              <input className="nhsuk-input" id="pick-reason" name="reason" type="text" />
            </div>
            <button className="nhsuk-button" type="submit">
              Save rating
            </button>
          </Form>
        </section>
      ) : null}

      <h3>History of ratings</h3>
      {history.length ? (
        <Table
          caption="Every PICK rating, newest first"
          rows={history}
          rowKey={(h) => `${h.changeIdeaId}-${h.at}`}
          columns={[
            { id: "when", header: "When", cell: (h) => formatDateTime(h.at) },
            { id: "idea", header: "Change idea", cell: (h) => titleOf.get(h.changeIdeaId) ?? "(removed)" },
            { id: "category", header: "Category", cell: (h) => PICK_LABELS[h.category] },
            { id: "by", header: "By", cell: (h) => h.byName ?? "—" },
            { id: "why", header: "Why", cell: (h) => h.reason || "—" },
          ]}
        />
      ) : (
        <p>No ratings yet.</p>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
