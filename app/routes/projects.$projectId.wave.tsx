// The team's part in its wave (ADR 111): its mission, the wins it counts as quick wins, and its
// outcome stories. Anyone signed in reads it; the project's team (and admins) edit it.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextareaField, TextField, useNhsForm } from "~/components/forms";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { ConflictNotice } from "~/components/conflict-notice";
import { DoneNotice } from "~/components/done-notice";
import { Details, ErrorSummaryBox, InsetText } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canEditProject } from "~/domain/permissions";
import { waveLabel } from "~/domain/wave-label";
import { AddQuickWinSchema, EditStorySchema, MissionSchema, RemoveQuickWinSchema, RemoveStorySchema, StorySchema } from "~/forms/cohort-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requireProjectEditor } from "~/auth/guards.server";
import { requireProjectRecord } from "~/auth/project-page.server";
import { refusal, valueOf } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { addQuickWin, addStory, removeQuickWin, removeStory, saveMission, updateStory } from "~/models/cohort-commands.server";
import { getMission, listQuickWins, listStories } from "~/models/cohort.server";
import { getProjectCharter } from "~/models/project.server";
import { listProjectWins } from "~/models/win.server";

export const meta: MetaFunction = () => [{ title: "Mission and stories – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, projectId, user, found, onTeam } = await requireProjectRecord(request, context, params.projectId, getProjectCharter);
  const quickWins = listQuickWins(db, [projectId]);
  const picked = new Set(quickWins.map((q) => q.winId));
  return {
    projectId,
    wave: found.project.waveId ? { id: found.project.waveId, label: waveLabel(found.waveNumber ?? 0, found.waveName) } : null,
    mission: getMission(db, projectId) ?? null,
    quickWins: quickWins.map((q) => ({ ...q, at: q.at.toISOString() })),
    otherWins: listProjectWins(db, projectId)
      .filter((w) => !picked.has(w.id))
      .map((w) => ({ id: w.id, title: w.title, at: w.at.toISOString() })),
    stories: listStories(db, [projectId]),
    canEdit: canEditProject(user, onTeam()),
  };
}

type Reply = { intent: string; storyId?: number; result?: SubmissionResult<string[]>; conflict?: Conflict; pii?: boolean; refused?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, projectId } = await requireProjectEditor(request, context, params.projectId);
  const db = getDb();
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (done: string, hash: string) => redirect(`/projects/${projectId}/wave?done=${done}${hash}`);
  if (intent === "mission") {
    const submission = parseSubmission(formData, { schema: MissionSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const pii = patientDataWarning({ mission: submission.value.mission }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const result = saveMission(db, actor, { projectId, version: submission.value.version, mission: submission.value.mission });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok) refusal(result);
    return back("mission", "#mission");
  }
  if (intent === "add-quick-win" || intent === "remove-quick-win") {
    const submission = parseSubmission(formData, { schema: intent === "add-quick-win" ? AddQuickWinSchema : RemoveQuickWinSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const input = { projectId, winId: submission.value.winId };
    const result = intent === "add-quick-win" ? addQuickWin(db, actor, input) : removeQuickWin(db, actor, input);
    if (!result.ok && result.status === 400)
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { winId: [result.refused] } }) }, { status: 400 });
    if (!result.ok && result.status === 409) return data<Reply>({ intent, refused: result.refused }, { status: 409 });
    if (!result.ok) refusal(result);
    return back(intent === "add-quick-win" ? "quick-win" : "quick-win-removed", "#quick-wins");
  }
  if (intent === "add-story" || intent === "edit-story") {
    const submission = parseSubmission(formData, { schema: intent === "add-story" ? StorySchema : EditStorySchema });
    const storyId = Number(formData.get("storyId")) || undefined;
    if (submission.status !== "success") return data<Reply>({ intent, storyId, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const pii = patientDataWarning({ title: v.title, story: v.story }, formData);
    if (pii) return data<Reply>({ intent, storyId, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    if (v.intent === "add-story") {
      valueOf(addStory(db, actor, { projectId, title: v.title, story: v.story }));
      return back("story", "#stories");
    }
    const result = updateStory(db, actor, { projectId, storyId: v.storyId, version: v.version, title: v.title, story: v.story });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, storyId, conflict: result.conflict }, { status: 409 });
    if (!result.ok) refusal(result);
    return back("story-saved", `#story-${v.storyId}`);
  }
  if (intent === "remove-story") {
    const submission = parseSubmission(formData, { schema: RemoveStorySchema });
    if (submission.status !== "success") badRequest("Reload the page and try again.");
    const { storyId, version } = submission.value;
    const result = removeStory(db, actor, { projectId, storyId, version });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, storyId, conflict: result.conflict }, { status: 409 });
    if (!result.ok) refusal(result);
    return back("story-removed", "#stories");
  }
  badRequest("That request was not understood.");
}

const DONE: Record<string, string> = {
  mission: "Mission saved.",
  "quick-win": "Quick win added.",
  "quick-win-removed": "No longer counted as a quick win. The win itself stays on the project.",
  story: "Outcome story added.",
  "story-saved": "Outcome story saved.",
  "story-removed": "Outcome story removed.",
};

type Story = ReturnType<typeof useLoaderData<typeof loader>>["stories"][number];

function StoryEditor({ story, reply }: { story: Story; reply: Reply | undefined }) {
  const [form, fields] = useNhsForm(EditStorySchema, reply?.result, `edit-story-${story.id}-${story.version}`, { title: story.title, story: story.story });
  return (
    <Details summary={`Edit "${story.title}"`} open={Boolean(reply)}>
      <ConflictNotice conflict={reply?.conflict} />
      <ErrorSummary form={form} fields={{ title: fields.title, story: fields.story }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit-story" />
        <input type="hidden" name="storyId" value={story.id} />
        <input type="hidden" name="version" value={reply?.conflict?.currentVersion ?? story.version} />
        <TextField field={fields.title} label="Title" width={30} />
        <TextareaField field={fields.story} label="The story" rows={6} />
        <PiiConfirm show={Boolean(reply?.pii)} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Save the story
        </button>
      </Form>
    </Details>
  );
}

export default function TeamInWave() {
  const { projectId, wave, mission, quickWins, otherWins, stories, canEdit } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const resultFor = (intent: string) => (last?.intent === intent ? last : undefined);
  const missionReply = resultFor("mission");
  const [missionForm, mf] = useNhsForm(MissionSchema, missionReply?.result, `mission-${mission?.version ?? 0}`, { mission: mission?.mission ?? "" });
  const [winForm, wf] = useNhsForm(AddQuickWinSchema, resultFor("add-quick-win")?.result, "add-quick-win");
  const [storyForm, sf] = useNhsForm(StorySchema, resultFor("add-story")?.result, "add-story");
  const removing = stories.find((s) => String(s.id) === search.get("removeStory"));
  const quickWinRefused = resultFor("remove-quick-win")?.refused ?? resultFor("add-quick-win")?.refused;
  if (canEdit && removing) {
    const reply = resultFor("remove-story");
    return (
      <>
        <ConflictNotice conflict={reply?.conflict} />
        <ConfirmRemoval
          caption="Outcome story"
          title={`Remove the story "${removing.title}"?`}
          fields={{ intent: "remove-story", storyId: removing.id, version: reply?.conflict?.currentVersion ?? removing.version }}
          confirmLabel="Yes, remove this story"
          cancelTo={`/projects/${projectId}/wave#stories`}
        >
          <p>It leaves the team's page, the wave's page and the Pass it On booklet. The audit trail keeps a record of it.</p>
        </ConfirmRemoval>
      </>
    );
  }
  return (
    <>
      <h2>Mission and stories</h2>
      <p>
        {wave ? (
          <>
            The team's part in <Link to={`/waves/${wave.id}`}>{wave.label}</Link>: it shows on the wave's page and in its{" "}
            <Link to={`/waves/${wave.id}/pass-it-on`}>Pass it On booklet</Link>.
          </>
        ) : (
          "This project is in no wave yet; its mission and stories show here until it joins one."
        )}
      </p>
      <DoneNotice message={DONE[search.get("done") ?? ""] ?? null} />

      <h3 id="mission">Mission</h3>
      {mission ? (
        <p className="app-pre-line">{mission.mission}</p>
      ) : (
        <p className="app-muted">No mission yet.{canEdit ? " Say in one paragraph what the team sets out to change, and for whom." : ""}</p>
      )}
      {canEdit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <Details summary={mission ? "Edit the mission" : "Write the mission"} open={Boolean(missionReply) || !mission}>
              <ConflictNotice conflict={missionReply?.conflict} />
              <ErrorSummary form={missionForm} fields={{ mission: mf.mission }} />
              <Form method="post" {...getFormProps(missionForm)}>
                <input type="hidden" name="intent" value="mission" />
                <input type="hidden" name="version" value={missionReply?.conflict?.currentVersion ?? mission?.version ?? 0} />
                <TextareaField field={mf.mission} label="The team's mission" hint="One paragraph. Do not include patient details" rows={5} />
                <PiiConfirm show={Boolean(missionReply?.pii)} />
                <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                  Save the mission
                </button>
              </Form>
            </Details>
          </div>
        </div>
      ) : null}

      <h3 id="quick-wins">Quick wins</h3>
      {quickWinRefused ? <ErrorSummaryBox errors={[{ text: quickWinRefused }]} /> : null}
      {quickWins.length === 0 ? (
        <p className="app-muted">No quick wins yet.{canEdit ? " Choose from the project's wins, or record a new win first." : ""}</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {quickWins.map((q) => (
            <li key={q.winId}>
              <strong>{q.title}</strong> ({formatDay(q.at.slice(0, 10))})
              {canEdit ? (
                <Form method="post" className="app-inline-form nhsuk-u-margin-left-2">
                  <input type="hidden" name="intent" value="remove-quick-win" />
                  <input type="hidden" name="winId" value={q.winId} />
                  <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0">
                    Not a quick win<span className="nhsuk-u-visually-hidden">: {q.title}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            {otherWins.length ? (
              <>
                <ErrorSummary form={winForm} fields={{ winId: wf.winId }} />
                <Form method="post" {...getFormProps(winForm)}>
                  <input type="hidden" name="intent" value="add-quick-win" />
                  <SelectField
                    field={wf.winId}
                    label="Count a win as a quick win"
                    placeholder="Choose a win"
                    options={otherWins.map((w) => ({ value: String(w.id), label: `${w.title} (${formatDay(w.at.slice(0, 10))})` }))}
                  />
                  <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                    Add the quick win
                  </button>
                </Form>
              </>
            ) : null}
            <p>
              <Link to={`/projects/${projectId}/wins`}>Record a new win</Link>, then count it here.
            </p>
          </div>
        </div>
      ) : null}

      <h3 id="stories">Outcome stories</h3>
      {stories.length === 0 ? <p className="app-muted">No outcome stories yet.{canEdit ? " Tell what changed, for whom, in the team's words." : ""}</p> : null}
      {stories.map((s) => (
        <section key={s.id} id={`story-${s.id}`} className="app-outcome-story" aria-labelledby={`story-${s.id}-title`}>
          <h4 id={`story-${s.id}-title`}>{s.title}</h4>
          <p className="app-pre-line">{s.story}</p>
          {canEdit ? (
            <>
              <StoryEditor story={s} reply={last?.intent === "edit-story" && last.storyId === s.id ? last : undefined} />
              <p>
                <Link to={`/projects/${projectId}/wave?removeStory=${s.id}`}>
                  Remove<span className="nhsuk-u-visually-hidden"> the story "{s.title}"</span>
                </Link>
              </p>
            </>
          ) : null}
        </section>
      ))}
      {canEdit ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h4>Add an outcome story</h4>
            <ErrorSummary form={storyForm} fields={{ title: sf.title, story: sf.story }} />
            <Form method="post" {...getFormProps(storyForm)}>
              <input type="hidden" name="intent" value="add-story" />
              <TextField field={sf.title} label="Title" hint="For example, Home a day sooner" width={30} />
              <TextareaField field={sf.story} label="The story" hint="What changed and for whom. Do not include patient details" rows={6} />
              <PiiConfirm show={Boolean(resultFor("add-story")?.pii)} />
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                Add the story
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      {!wave && !canEdit && !mission && stories.length === 0 ? (
        <InsetText>
          <p>Nothing recorded yet.</p>
        </InsetText>
      ) : null}
    </>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
