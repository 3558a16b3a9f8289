// One theme raised at a listening event: correcting its wording and mentions, moving it to another
// priority (the board), and removing it after a confirmation (ADR 116).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField, useNhsForm } from "~/components/forms";
import { ConfirmRemoval } from "~/components/confirm-removal";
import { ConflictNotice } from "~/components/conflict-notice";
import { Breadcrumbs } from "~/components/layout";
import { ErrorSummaryBox, WarningCallout } from "~/components/nhs";
import { PiiConfirm } from "~/components/pii-confirm";
import { getDb } from "~/db.server";
import type { Conflict } from "~/domain/conflict";
import { canRecordThemes, canRunConversations } from "~/domain/conversation-rules";
import { EditThemeSchema, NO_PRIORITY, RemoveThemeSchema } from "~/forms/conversation-form";
import { patientDataWarning } from "~/forms/pii-guard.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, forbidden, notFound, requireUser } from "~/auth/guards.server";
import { valueOf } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { removeTheme, updateTheme } from "~/models/conversation-commands.server";
import { countClosedPlanActions, getEvent, getTheme, listPriorities } from "~/models/conversation.server";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Theme raised at ${data.event.site}, ${formatDay(data.event.heldOn)}` : "Theme"} – Big Conversations – Stepping Up` },
];

const idOf = (value: string | undefined, what: string) => {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : notFound(what);
};

function load(params: { eventId?: string; themeId?: string }) {
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const event = getEvent(db, programmeId, idOf(params.eventId, "listening event")) ?? notFound("listening event");
  const theme = getTheme(db, programmeId, event.id, idOf(params.themeId, "theme")) ?? notFound("theme");
  return { db, programmeId, event, theme };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, programmeId, event, theme } = load(params);
  if (!canRecordThemes(user, event)) forbidden(user, context, "change the themes of this event");
  const board = canRunConversations(user);
  return {
    event: { id: event.id, site: event.site, staffGroup: event.staffGroup, heldOn: event.heldOn },
    theme: {
      id: theme.id,
      text: theme.text,
      mentions: theme.mentions,
      priorityId: theme.priorityId,
      priorityTitle: theme.priorityTitle,
      version: theme.version,
    },
    onPoster: theme.priorityId !== null && countClosedPlanActions(db, theme.priorityId) > 0,
    board,
    priorities: board ? listPriorities(db, programmeId).map((p) => ({ value: String(p.id), label: p.title })) : [],
  };
}

type Reply = { intent: string; result?: SubmissionResult<string[]>; conflict?: Conflict; pii?: boolean; message?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { db, programmeId, event, theme } = load(params);
  if (!canRecordThemes(user, event)) forbidden(user, context, "change the themes of this event");
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const base = { programmeId, eventId: event.id, themeId: theme.id };
  if (intent === "edit-theme") {
    const submission = parseSubmission(formData, { schema: EditThemeSchema });
    if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const pii = patientDataWarning({ text: v.text }, formData);
    if (pii) return data<Reply>({ intent, result: submission.reply({ fieldErrors: pii }), pii: true }, { status: 400 });
    const priorityId = v.priorityId === undefined ? undefined : v.priorityId === NO_PRIORITY ? null : Number(v.priorityId);
    const result = updateTheme(db, actor, { ...base, version: v.version, text: v.text, mentions: v.mentions ?? null, priorityId });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok && result.status === 400) {
      return data<Reply>({ intent, result: submission.reply({ fieldErrors: { priorityId: [result.refused] } }) }, { status: 400 });
    }
    valueOf(result);
    return redirect(`/conversations/${event.id}?done=theme-saved#themes`);
  }
  if (intent === "remove-theme") {
    const submission = parseSubmission(formData, { schema: RemoveThemeSchema });
    if (submission.status !== "success") badRequest("Reload the page and try again.");
    const result = removeTheme(db, actor, { ...base, version: submission.value.version });
    if (!result.ok && "conflict" in result) return data<Reply>({ intent, conflict: result.conflict }, { status: 409 });
    if (!result.ok && result.status === 400) return data<Reply>({ intent, message: result.refused }, { status: 400 });
    valueOf(result);
    return redirect(`/conversations/${event.id}?done=theme-removed#themes`);
  }
  badRequest("That request was not understood.");
}

export default function ConversationTheme() {
  const { event: e, theme, onPoster, board, priorities } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const edit = last?.intent === "edit-theme" ? last : undefined;
  const removal = last?.intent === "remove-theme" ? last : undefined;
  const version = edit?.conflict?.currentVersion ?? removal?.conflict?.currentVersion ?? theme.version;
  const [form, f] = useNhsForm(EditThemeSchema, edit?.result, `edit-theme-${theme.id}-${theme.version}`, {
    text: theme.text,
    mentions: theme.mentions === null ? "" : String(theme.mentions),
    priorityId: theme.priorityId === null ? NO_PRIORITY : String(theme.priorityId),
  });
  const eventName = `${e.site}, ${formatDay(e.heldOn)}`;
  const crumbs = [
    { to: "/conversations", label: "Big Conversations" },
    { to: `/conversations/${e.id}`, label: eventName },
  ];
  if (search.get("remove") === "1" || removal) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <h1>Remove a theme</h1>
        <ConflictNotice conflict={removal?.conflict} />
        {removal?.message ? (
          <ErrorSummaryBox headingId="remove-theme-problem" focusKey={removal}>
            <p>{removal.message}</p>
          </ErrorSummaryBox>
        ) : null}
        <ConfirmRemoval
          caption={`Theme raised at ${eventName}`}
          title={`Remove "${theme.text}"?`}
          fields={{ intent: "remove-theme", version }}
          confirmLabel="Yes, remove this theme"
          cancelTo={`/conversations/${e.id}#themes`}
        >
          {theme.priorityTitle ? (
            <p>
              It is part of the priority &ldquo;{theme.priorityTitle}&rdquo; and leaves it.
              {onPoster ? " That priority is on You said, we did, which will no longer list this theme under what staff said." : ""}
            </p>
          ) : null}
          <p>It leaves the event&apos;s list of themes. The audit trail keeps a record of it.</p>
        </ConfirmRemoval>
      </>
    );
  }
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">Theme raised at {eventName}</span>
          <h1>Edit a theme</h1>
          {onPoster ? (
            <WarningCallout heading="On You said, we did" headingLevel={2}>
              <p>This theme&apos;s priority has done actions, so staff read this wording on You said, we did. Keep it as staff put it.</p>
            </WarningCallout>
          ) : null}
          <ConflictNotice conflict={edit?.conflict} />
          <ErrorSummary form={form} fields={{ text: f.text, mentions: f.mentions, priorityId: f.priorityId }} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="edit-theme" />
            <input type="hidden" name="version" value={version} />
            <TextField field={f.text} label="Theme" hint="In a few words, as staff put it. No patient details." width={30} />
            <TextField field={f.mentions} label="Mentions (optional)" hint="How many times it came up" width={4} />
            {board ? (
              <SelectField
                field={f.priorityId}
                label="Priority"
                hint="The priority this theme is part of"
                options={[{ value: NO_PRIORITY, label: "Not part of a priority" }, ...priorities]}
              />
            ) : null}
            <PiiConfirm show={Boolean(edit?.pii)} />
            <button className="nhsuk-button" type="submit">
              Save the theme
            </button>
          </Form>
          <p>
            <Link to={`/conversations/${e.id}/themes/${theme.id}?remove=1`}>
              Remove this theme<span className="nhsuk-u-visually-hidden">: {theme.text}</span>
            </Link>
          </p>
          <p>
            <Link to={`/conversations/${e.id}#themes`}>Back to the event</Link>
          </p>
        </div>
      </div>
    </>
  );
}
