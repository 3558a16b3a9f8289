// One driver or change idea of the diagram, for its team: rename and describe it, move it up or down,
// link it under another driver, take it from under one, move it from one driver to another, attach
// process measures (drivers), and remove it after a confirmation step. Plain forms: no JavaScript needed.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { ConflictNotice } from "~/components/conflict-notice";
import { IdeaStatusTag } from "~/components/driver-diagram";
import { ErrorSummary, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { ErrorSummaryBox, FormButtons, InsetText } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { actorOf } from "~/auth/actor.server";
import { badRequest, notFound, requireProjectEditor } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { CHANGE_IDEA_STATUS_LABELS } from "~/domain/driver-rules";
import { EditNodeSchema, LinkSchema, MeasureSchema, MoveSchema, parseNodeKey, RemoveSchema, ReorderSchema, UnlinkSchema } from "~/forms/driver-forms";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { attachMeasure, editNode, linkNode, moveNode, removeNode, reorderNode, unlinkNode } from "~/models/driver-commands.server";
import { getDiagram } from "~/models/driver.server";
import { plural } from "~/domain/plural";
import { SpreadSchema, UnspreadSchema } from "~/forms/spread-form";
import { setReadyToSpread } from "~/models/spread-commands.server";
import { getSpread, originsOf, spreadTo } from "~/models/spread.server";
import { AdoptedFrom, SpreadTo } from "~/components/spread-links";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.node.title ?? "Driver"} – Driver diagram – Stepping Up` }];

function load(db: ReturnType<typeof getDb>, projectId: number, key: string | undefined) {
  const ref = parseNodeKey(key);
  if (!ref) notFound("driver");
  const d = getDiagram(db, projectId);
  const drivers = [...d.primaries, ...d.secondaries];
  if (ref.kind === "driver") {
    const driver = drivers.find((x) => x.id === ref.id);
    if (!driver) notFound("driver");
    const parents = driver.level === "secondary" ? d.primaries.filter((p) => driver.parentIds.includes(p.id)) : [];
    const candidates = driver.level === "secondary" ? d.primaries.filter((p) => !driver.parentIds.includes(p.id)) : [];
    const children =
      driver.level === "primary"
        ? d.secondaries.filter((s) => s.parentIds.includes(driver.id)).length
        : d.ideas.filter((i) => i.driverIds.includes(driver.id)).length;
    const processMeasures = d.measures.filter((m) => m.type === "process" || driver.measureIds.includes(m.id));
    return {
      ref,
      node: { ...driver, kindLabel: driver.level === "primary" ? "Primary driver" : "Secondary driver" },
      parents,
      candidates,
      children,
      measures: processMeasures.map((m) => ({ id: m.id, name: m.name, attached: driver.measureIds.includes(m.id) })),
      idea: null,
    };
  }
  const idea = d.ideas.find((x) => x.id === ref.id);
  if (!idea) notFound("change idea");
  return {
    ref,
    node: { id: idea.id, title: idea.title, description: idea.description, version: idea.version, level: null, kindLabel: "Change idea" },
    parents: d.secondaries.filter((s) => idea.driverIds.includes(s.id)),
    candidates: d.secondaries.filter((s) => !idea.driverIds.includes(s.id)),
    children: 0,
    measures: [],
    idea: {
      status: idea.status,
      cycles: idea.cycles,
      spread: getSpread(db, projectId, idea.id)?.summary ?? null,
      origin: originsOf(db, [idea.id]).get(idea.id) ?? null,
      spreadTo: spreadTo(db, [idea.id]).get(idea.id) ?? [],
    },
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { projectId } = await requireProjectEditor(request, context, params.projectId);
  return { projectId, ...load(getDb(), projectId, params.node) };
}

const SCHEMAS = {
  edit: EditNodeSchema,
  reorder: ReorderSchema,
  link: LinkSchema,
  unlink: UnlinkSchema,
  move: MoveSchema,
  remove: RemoveSchema,
  measure: MeasureSchema,
  spread: SpreadSchema,
  unspread: UnspreadSchema,
} as const;
type Intent = keyof typeof SCHEMAS;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const ref = parseNodeKey(params.node);
  if (!ref) notFound("driver");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!(intent in SCHEMAS)) badRequest("That request was not understood.");
  const submission = parseSubmission(formData, { schema: SCHEMAS[intent] });
  const fail = (status: number, extra: { conflict?: Conflict; pii?: boolean; result?: ReturnType<typeof submission.reply> } = {}) =>
    data({ intent, result: extra.result ?? submission.reply(), conflict: extra.conflict ?? null, pii: extra.pii ?? false }, { status });
  if (submission.status !== "success") return fail(400);
  const v = submission.value;
  const actor = actorOf(user, context);
  const node = { projectId, kind: ref.kind, id: ref.id, version: v.version };
  const back = `/projects/${projectId}/drivers`;
  let done;
  switch (v.intent) {
    case "edit": {
      const description = v.description ?? "";
      const pii = patientDataWarning({ title: v.title, description }, formData);
      if (pii) return fail(400, { pii: true, result: submission.reply({ fieldErrors: pii }) });
      done = editNode(db, actor, { ...node, title: v.title, description });
      break;
    }
    case "reorder":
      done = reorderNode(db, actor, { ...node, direction: v.direction, past: v.past ?? null });
      break;
    case "link":
      done = linkNode(db, actor, { ...node, parentId: v.parentId });
      break;
    case "unlink":
      done = unlinkNode(db, actor, { ...node, parentId: v.parentId });
      break;
    case "move":
      done = moveNode(db, actor, { ...node, parentId: v.parentId, fromId: v.fromId });
      break;
    case "measure":
      if (ref.kind !== "driver") badRequest("Measures are attached to drivers.");
      done = attachMeasure(db, actor, { projectId, driverId: ref.id, version: v.version, measureId: v.measureId, attach: v.attach === "yes" });
      break;
    case "spread":
    case "unspread":
      if (ref.kind !== "idea") badRequest("Only a change idea can be marked ready to spread.");
      done = setReadyToSpread(db, actor, { projectId, ideaId: ref.id, version: v.version, summary: v.intent === "spread" ? v.spreadSummary : null });
      break;
    case "remove": {
      const removed = removeNode(db, actor, node);
      if (removed.ok) return redirect(`${back}?removed=${encodeURIComponent(removed.value.title)}`);
      done = removed;
      break;
    }
  }
  if (!done.ok) {
    if ("conflict" in done) return fail(409, { conflict: done.conflict });
    return fail(done.status, { result: submission.reply({ formErrors: [done.refused] }) });
  }
  // A drag and drop on the diagram (app/components/driver-drag.tsx) posts with ?drag from a fetcher: it
  // stays on the diagram, so it gets the reply instead of a redirect to this page.
  if (new URL(request.url).searchParams.has("drag")) return data({ intent, result: submission.reply(), conflict: null, pii: false });
  if (v.intent === "edit") return redirect(`${back}?saved=${ref.kind}-${ref.id}#node-${ref.kind}-${ref.id}`);
  return redirect(`/projects/${projectId}/drivers/${ref.kind}-${ref.id}?done=${v.intent}`);
}

const DONE: Record<string, string> = {
  reorder: "Moved.",
  link: "Linked.",
  unlink: "Taken from under that driver. It stays in the diagram.",
  move: "Moved to the other driver.",
  measure: "Measures updated.",
  spread: "Marked ready to spread. It is listed as a spread candidate in the change package.",
  unspread: "No longer marked ready to spread.",
};

function Small({ intent, version, children, hidden = {} }: { intent: Intent; version: number; children: ReactNode; hidden?: Record<string, string | number> }) {
  return (
    <Form method="post" className="app-driver-inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
    </Form>
  );
}

function ParentSelect({ id, name, label, options }: { id: string; name: string; label: string; options: { id: number; title: string }[] }) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="nhsuk-select" id={id} name={name}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
    </div>
  );
}

function SpreadSection({ version, spread, last }: { version: number; spread: string | null; last: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useNhsForm(SpreadSchema, last, "spread-idea", { spreadSummary: "" });
  return (
    <section aria-labelledby="spread-heading">
      <h3 id="spread-heading">Spread</h3>
      {spread ? (
        <>
          <p>
            <strong>Ready to spread:</strong> <span className="app-pre-line">{spread}</span>
          </p>
          <Small intent="unspread" version={version}>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              No longer ready to spread
            </button>
          </Small>
        </>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="spread" />
          <input type="hidden" name="version" value={version} />
          <p>This change idea was adopted. Mark it ready to spread so other teams find it in the change package.</p>
          <TextField
            field={fields.spreadSummary}
            label="What should another team copy?"
            hint="One line, like 'The 8am huddle script and a protected 10 minutes'."
            width={30}
          />
          <button className="nhsuk-button" type="submit">
            Mark ready to spread
          </button>
        </Form>
      )}
    </section>
  );
}

export default function DriverNodePage() {
  const { projectId, ref, node, parents, candidates, children, measures, idea } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [params] = useSearchParams();
  const back = `/projects/${projectId}/drivers`;
  const self = `${back}/${ref.kind}-${ref.id}`;
  const conflictVersion = last?.conflict?.currentVersion;
  const version = conflictVersion ?? node.version;
  const [form, fields] = useNhsForm(EditNodeSchema, last?.intent === "edit" ? last.result : undefined, `edit-node-${ref.kind}-${ref.id}`, {
    title: node.title,
    description: node.description,
  });
  const parentWord = ref.kind === "idea" ? "secondary driver" : "primary driver";
  const otherErrors = last && last.intent !== "edit" && !last.conflict ? Object.values(last.result.error ?? {}).flatMap((m) => m ?? []) : [];

  if (params.has("remove")) {
    return (
      <ConfirmRemoval
        caption={node.kindLabel}
        title={`Remove ${node.title}?`}
        fields={{ intent: "remove", version: node.version }}
        confirmLabel={`Remove ${node.kindLabel.toLowerCase()}`}
        cancelTo={self}
      >
        {ref.kind === "driver" ? (
          <p>
            It goes from the diagram with its links ({plural(children, ref.kind === "driver" && node.level === "primary" ? "secondary driver" : "change idea")}{" "}
            under it). Nothing under it is deleted: change ideas and their PDSA cycles stay, and show as not linked if this was their only driver.
          </p>
        ) : (
          <p>It goes from the diagram. Its history stays in the audit trail.</p>
        )}
      </ConfirmRemoval>
    );
  }

  return (
    <>
      <p>
        <Link to={back}>Back to the driver diagram</Link>
      </p>
      <span className="nhsuk-caption-m">{node.kindLabel}</span>
      <h2>{node.title}</h2>
      {idea ? (
        <p>
          <IdeaStatusTag status={idea.status} /> {plural(idea.cycles, "PDSA cycle")}.{" "}
          {idea.status === "not_tested" ? <Link to={`/projects/${projectId}/pdsa/new?changeIdea=${ref.id}`}>Plan a PDSA cycle to test it</Link> : null}
          <span className="nhsuk-u-visually-hidden"> Status: {CHANGE_IDEA_STATUS_LABELS[idea.status]}</span>
        </p>
      ) : null}
      {idea && (idea.origin || idea.spreadTo.length) ? (
        <p>
          <AdoptedFrom origin={idea.origin} />
          <SpreadTo links={idea.spreadTo} ideaTitle={node.title} />
        </p>
      ) : null}
      {params.get("done") && DONE[params.get("done")!] ? (
        <InsetText role="status">
          <p>{DONE[params.get("done")!]}</p>
        </InsetText>
      ) : null}
      {otherErrors.length ? <ErrorSummaryBox errors={otherErrors.map((text) => ({ text, href: "#node-actions" }))} focusKey={last} /> : null}
      <ConflictNotice conflict={last?.conflict} />
      {idea && (idea.status === "adopted" || idea.spread) ? (
        <SpreadSection version={version} spread={idea.spread} last={last?.intent === "spread" ? last.result : undefined} />
      ) : null}

      <h3>Title and description</h3>
      <ErrorSummary form={form} fields={{ title: fields.title, description: fields.description }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="version" value={version} />
        <TextField field={fields.title} label="Title" width={30} />
        <TextareaField field={fields.description} label="Description (optional)" rows={3} />
        <PiiConfirm show={Boolean(last?.intent === "edit" && last.pii)} />
        <FormButtons submit="Save" cancelTo={back} />
      </Form>

      <div id="node-actions">
        <h3>Order</h3>
        <div className="nhsuk-button-group">
          <Small intent="reorder" version={version} hidden={{ direction: "up" }}>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Move up<span className="nhsuk-u-visually-hidden"> {node.title}</span>
            </button>
          </Small>
          <Small intent="reorder" version={version} hidden={{ direction: "down" }}>
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Move down<span className="nhsuk-u-visually-hidden"> {node.title}</span>
            </button>
          </Small>
        </div>

        {node.level === "primary" ? null : (
          <>
            <h3>Where it goes</h3>
            {parents.length ? (
              <ul className="nhsuk-list">
                {parents.map((p) => (
                  <li key={p.id} className="app-driver-parent">
                    Under <strong>{p.title}</strong>{" "}
                    <Small intent="unlink" version={version} hidden={{ parentId: p.id }}>
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                        Take from under {p.title}
                      </button>
                    </Small>
                  </li>
                ))}
              </ul>
            ) : (
              <p>Not linked to a {parentWord} yet.</p>
            )}
            {candidates.length ? (
              <Small intent="link" version={version}>
                <ParentSelect id="link-parent" name="parentId" label={`Also put it under a ${parentWord}`} options={candidates} />
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Link
                </button>
              </Small>
            ) : null}
            {parents.length && candidates.length ? (
              <Small intent="move" version={version}>
                <ParentSelect id="move-from" name="fromId" label="Move it from" options={parents} />
                <ParentSelect id="move-to" name="parentId" label="to" options={candidates} />
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Move
                </button>
              </Small>
            ) : null}
          </>
        )}

        {ref.kind === "driver" ? (
          <>
            <h3>Process measures</h3>
            {measures.length === 0 ? (
              <p>This project has no process measures yet. Add one on the Measures page to show here whether this driver is moving.</p>
            ) : (
              <ul className="nhsuk-list">
                {measures.map((m) => (
                  <li key={m.id}>
                    {m.name} {m.attached ? "(attached)" : ""}{" "}
                    <Small intent="measure" version={version} hidden={{ measureId: m.id, attach: m.attached ? "no" : "yes" }}>
                      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
                        {m.attached ? "Take off" : "Attach"} <span className="nhsuk-u-visually-hidden">{m.name}</span>
                      </button>
                    </Small>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}

        <h3>Remove</h3>
        {idea && idea.cycles > 0 ? (
          <p>This change idea has PDSA cycles, so it stays. Take it from under its drivers if it no longer fits.</p>
        ) : (
          <p>
            <Link to={`${self}?remove`} className="nhsuk-button nhsuk-button--warning">
              Remove {node.kindLabel.toLowerCase()}
            </Link>
          </p>
        )}
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
