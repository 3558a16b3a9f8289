// A record's comments (docs/decisions/070): the list, and the form to add one. Plain text, shown as
// written (React escapes it; line breaks are kept). With JavaScript a "Mention someone" picker puts
// `@Full Name` into the comment; without it, typing `@Full Name` does the same (docs/decisions/071).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { ErrorSummary, TextareaField, useNhsForm } from "~/components/forms";
import { FormToken } from "~/components/form-token";
import { PiiConfirm } from "~/components/pii-confirm";
import { useAutocomplete, type Person } from "~/components/person-select";
import { commentAnchor, commentsAnchor, type CommentTarget } from "~/domain/comments";
import { AddCommentSchema } from "~/forms/comment-form";
import { formatDateTime } from "~/web/dates";
import { escapeHtml, personLabel, searchPeople, type PersonOption } from "~/web/person-search";

export type CommentItem = {
  id: number;
  authorName: string;
  body: string;
  createdAt: string | Date;
  editedAt: string | Date | null;
  mayEdit: boolean;
  mayDelete: boolean;
};

export type CommentsProps = {
  projectId: number;
  target: CommentTarget;
  targetId: number;
  comments: readonly CommentItem[];
  canComment: boolean;
  people: readonly Person[];
  /** The heading level: 2 on a record's page, 3 under each ask. */
  level?: 2 | 3;
};

/** The URL the add form posts to (it names the record, so a refused comment can be shown again with its errors). */
export const addCommentAction = (projectId: number, target: CommentTarget, targetId: number) =>
  `/projects/${projectId}/comments?${new URLSearchParams({ target, targetId: String(targetId) })}`;

export function Comments({ projectId, target, targetId, comments, canComment, people, level = 2 }: CommentsProps) {
  const anchor = commentsAnchor(target, targetId);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${anchor}-title`} className="app-comments nhsuk-u-margin-top-5">
      <Heading id={`${anchor}-title`} className={level === 2 ? "nhsuk-heading-m" : "nhsuk-heading-s"}>
        Comments{comments.length ? ` (${comments.length})` : ""}
      </Heading>
      <span id={anchor} />
      <CommentList projectId={projectId} comments={comments} />
      {canComment ? <AddCommentForm projectId={projectId} target={target} targetId={targetId} people={people} lastResult={null} pii={false} /> : null}
    </section>
  );
}

export function CommentList({ projectId, comments }: { projectId: number; comments: readonly CommentItem[] }) {
  if (comments.length === 0) return <p className="app-muted">No comments yet.</p>;
  return (
    <ul className="nhsuk-list app-comment-list">
      {comments.map((c) => (
        <li key={c.id} id={commentAnchor(c.id)} className="app-comment">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong>{c.authorName}</strong> <span className="app-muted">{formatDateTime(c.createdAt)}</span>
            {c.editedAt ? <span className="app-muted"> (edited {formatDateTime(c.editedAt)})</span> : null}
          </p>
          <p className="app-pre-line nhsuk-u-margin-bottom-1">{c.body}</p>
          {c.mayEdit || c.mayDelete ? (
            <p className="nhsuk-body-s">
              {c.mayEdit ? (
                <Link to={`/projects/${projectId}/comments/${c.id}`} className="nhsuk-u-margin-right-3">
                  Change<span className="nhsuk-u-visually-hidden"> your comment of {formatDateTime(c.createdAt)}</span>
                </Link>
              ) : null}
              {c.mayDelete ? (
                <Link to={`/projects/${projectId}/comments/${c.id}?delete`}>
                  Delete<span className="nhsuk-u-visually-hidden"> the comment by {c.authorName}</span>
                </Link>
              ) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function AddCommentForm({
  projectId,
  target,
  targetId,
  people,
  lastResult,
  pii,
}: {
  projectId: number;
  target: CommentTarget;
  targetId: number;
  people: readonly Person[];
  lastResult: SubmissionResult<string[]> | null;
  pii: boolean;
}) {
  const [form, fields] = useNhsForm(AddCommentSchema, lastResult, `comment-${target}-${targetId}`);
  return (
    <Form method="post" action={addCommentAction(projectId, target, targetId)} {...getFormProps(form)} className="app-comment-form">
      <ErrorSummary form={form} fields={{ body: fields.body }} />
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="targetId" value={targetId} />
      <FormToken />
      <TextareaField field={fields.body} label="Add a comment" hint={MENTION_HINT} rows={3} />
      <MentionPicker textareaId={fields.body.id} people={people} />
      <PiiConfirm show={pii} />
      <button type="submit" className="nhsuk-button nhsuk-button--secondary">
        Add comment
      </button>
    </Form>
  );
}

export const MENTION_HINT = "To tell someone about your comment, type @ and their full name, for example @Sam Smith. Comments are plain text.";

/**
 * With JavaScript: an accessible autocomplete of people that puts `@Full Name ` into the comment at the
 * cursor and takes the focus back there. Without it nothing is shown: typing the name does the same.
 */
export function MentionPicker({ textareaId, people }: { textareaId: string; people: readonly Person[] }) {
  const Autocomplete = useAutocomplete();
  const [round, setRound] = useState(0);
  const caret = useRef<number | null>(null);
  const options = useMemo<PersonOption[]>(() => people.map((p) => ({ value: String(p.id), label: personLabel(p), name: p.name })), [people]);
  const insert = useCallback(
    (chosen: PersonOption | undefined) => {
      const box = document.getElementById(textareaId) as HTMLTextAreaElement | null;
      if (!chosen || !box) return;
      const at = caret.current ?? box.value.length;
      const before = box.value.slice(0, at);
      const after = box.value.slice(at);
      const mention = `${before && !/\s$/.test(before) ? " " : ""}@${chosen.name} `;
      box.value = before + mention + after;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      const end = (before + mention).length;
      caret.current = end;
      // Start the picker afresh and put the person back in their comment, after the name.
      setRound((r) => r + 1);
      setTimeout(() => {
        box.focus();
        box.setSelectionRange(end, end);
      });
    },
    [textareaId],
  );
  if (!Autocomplete || people.length === 0) return null;
  const id = `${textareaId}-mention`;
  return (
    <div className="nhsuk-form-group app-person-select app-mention-picker">
      <label className="nhsuk-label" htmlFor={id}>
        Mention someone
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        Choose a person to add their name to your comment.
      </div>
      <div
        onFocusCapture={() => {
          const box = document.getElementById(textareaId) as HTMLTextAreaElement | null;
          if (box && document.activeElement !== box) caret.current = box.selectionStart ?? box.value.length;
        }}
      >
        <Autocomplete
          key={round}
          id={id}
          name=""
          source={(query, populate) => populate(searchPeople(options, query))}
          templates={{
            inputValue: (value: PersonOption | string | undefined) => (typeof value === "string" ? value : (value?.label ?? "")),
            suggestion: (value: PersonOption | string) => escapeHtml(typeof value === "string" ? value : value.label),
          }}
          onConfirm={insert}
          autoselect
          displayMenu="overlay"
          tNoResults={() => "No one found with that name"}
          tAssistiveHint={() => "Type part of a name, then use the up and down arrows to choose and press Enter."}
        />
      </div>
    </div>
  );
}
