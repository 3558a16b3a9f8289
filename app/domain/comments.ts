// Comments on a project's records, and the @mentions in them (docs/decisions/070, 071). Pure: the
// clock and the people come in.

export const COMMENT_TARGETS = ["pdsa", "status_report", "ask", "measure"] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

export const COMMENT_TARGET_LABELS: Record<CommentTarget, string> = {
  pdsa: "PDSA cycle",
  status_report: "status report",
  ask: "ask",
  measure: "measure",
};

/** An author may change their comment for this long after writing it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
export const COMMENT_MAX = 4000;

export const EDIT_WINDOW_CLOSED = "A comment can only be changed in the first 15 minutes after it is written. Write a new comment instead";
export const NOT_YOUR_COMMENT = "Only the person who wrote a comment can change it";
export const CANNOT_DELETE = "Only the person who wrote a comment, or someone who can edit the project, can delete it";
export const COMMENT_GONE = "This comment has been deleted";

export const canStillEdit = (createdAtMs: number, nowMs: number) => nowMs - createdAtMs <= EDIT_WINDOW_MS;

/** Where a comment's record is read; the comment itself is `#comment-<id>` on that page. */
export function commentTargetHref(projectId: number, target: CommentTarget, targetId: number): string {
  const project = `/projects/${projectId}`;
  switch (target) {
    case "pdsa":
      return `${project}/pdsa/${targetId}`;
    case "status_report":
      return `${project}/status/${targetId}`;
    case "ask":
      return `${project}/asks`;
    case "measure":
      return `${project}/measures/${targetId}`;
  }
}

export const commentAnchor = (commentId: number) => `comment-${commentId}`;
/** Each ask's comments sit under their own heading on the asks page. */
export const commentsAnchor = (target: CommentTarget, targetId: number) => (target === "ask" ? `ask-${targetId}-comments` : "comments");

export type Mentionable = { id: number; name: string };

const fold = (text: string) => text.normalize("NFC").toLocaleLowerCase("en-GB").replace(/\s+/g, " ").trim();

/**
 * The people a comment mentions. `@` followed by a person's full name, matched without regard to case,
 * the longest name first ("@Ann Lee-Smith" is Ann Lee-Smith, not Ann Lee), and only when the name ends
 * at a word boundary. A name two active people share is ambiguous and mentions nobody; so does an
 * unknown name: both stay as plain text.
 */
export function findMentions(body: string, people: readonly Mentionable[]): number[] {
  const byName = new Map<string, number[]>();
  for (const p of people) {
    const key = fold(p.name);
    if (!key) continue;
    byName.set(key, [...(byName.get(key) ?? []), p.id]);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const text = body.normalize("NFC").toLocaleLowerCase("en-GB");
  const found: number[] = [];
  let at = text.indexOf("@");
  while (at !== -1) {
    const before = at === 0 ? " " : text[at - 1];
    if (!/[\p{L}\p{N}_.]/u.test(before)) {
      const rest = text.slice(at + 1).replace(/\s+/g, " ");
      const name = names.find((n) => rest.startsWith(n) && !/[\p{L}\p{N}]/u.test(rest.charAt(n.length)));
      const ids = name ? byName.get(name)! : [];
      if (ids.length === 1 && !found.includes(ids[0])) found.push(ids[0]);
    }
    at = text.indexOf("@", at + 1);
  }
  return found;
}
