// Who each write-command event concerns, as notifications (docs/decisions/040). Subscribed to `onEvent`,
// so every notification and email is written in the same transaction as the event: no route sends mail.
import { and, eq, isNull } from "drizzle-orm";
import { asks, meetingActions, meetingItems, projects, projectTeam, users } from "~/db.server";
import type { Db } from "~/db.server";
import type { TeamRole } from "~/domain/enums";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { onEvent, type DomainEvent, type Actor } from "~/models/command.server";
import { notify, type Notice } from "~/models/notification.server";
import { findTarget, getComment } from "~/models/comment.server";

type Event = DomainEvent & { actor: Actor | null };

const teamOf = (db: Db, projectId: number) =>
  db
    .select({ userId: projectTeam.userId })
    .from(projectTeam)
    .where(and(eq(projectTeam.projectId, projectId), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.userId);

const boardMembers = (db: Db) =>
  db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "board"), isNull(users.disabledAt)))
    .all()
    .map((r) => r.id);

const titleOf = (db: Db, projectId: number) =>
  db.select({ title: projects.title }).from(projects).where(eq(projects.id, projectId)).get()?.title ?? "a project";

type Joined = { userId: number; role: TeamRole };
const joinedOf = (details: unknown): Joined[] => {
  const joined = (details as { joined?: Joined | Joined[] } | null | undefined)?.joined;
  return joined ? [joined].flat() : [];
};

const shorten = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The notices one event causes; the actor is never told about their own change. */
export function noticesFor(db: Db, event: Event): Notice[] {
  const projectId = event.projectId ?? null;
  const notices: Notice[] = [];
  switch (event.action) {
    case "project.team_changed":
    case "project.approved":
    case "project.stage_changed": {
      if (!projectId) break;
      const title = titleOf(db, projectId);
      for (const j of joinedOf(event.details)) {
        notices.push({
          userId: j.userId,
          kind: "team",
          projectId,
          title: j.role === "member" ? `You were added to the team of ${title}` : `You are now the ${TEAM_ROLE_LABELS[j.role].toLowerCase()} of ${title}`,
          body: "See the project's team and what it is working on",
          link: `/projects/${projectId}/team`,
        });
      }
      if (event.action !== "project.approved") break;
    }
    // falls through: an approval also tells the proposer
    case "project.declined": {
      if (!projectId) break;
      const proposer = db.select({ createdBy: projects.createdBy, title: projects.title }).from(projects).where(eq(projects.id, projectId)).get();
      if (!proposer?.createdBy) break;
      const approved = event.action === "project.approved";
      notices.push({
        userId: proposer.createdBy,
        kind: "proposal",
        projectId,
        title: approved ? `Your proposal ${proposer.title} was approved` : `Your proposal ${proposer.title} was declined`,
        body: approved ? "Plan the first PDSA cycle and the measures" : "Read the board's reason on the project page",
        link: `/projects/${projectId}`,
      });
      break;
    }
    case "ask.created": {
      if (!projectId || !event.entityId) break;
      const ask = db.select({ what: asks.what, addressee: asks.addressee, to: asks.addresseeUserId }).from(asks).where(eq(asks.id, event.entityId)).get();
      if (!ask) break;
      const title = titleOf(db, projectId);
      const to = ask.addressee === "person" && ask.to ? [ask.to] : boardMembers(db);
      for (const userId of to) {
        notices.push({
          userId,
          kind: "ask_for_you",
          projectId,
          title: ask.addressee === "person" ? `${title} has an ask for you` : `${title} has an ask for the board`,
          body: `Answer it: "${shorten(ask.what)}"`,
          link: `/projects/${projectId}/asks`,
        });
      }
      break;
    }
    case "ask.answered": {
      if (!projectId || !event.entityId) break;
      const ask = db.select({ what: asks.what, createdBy: asks.createdBy, state: asks.state }).from(asks).where(eq(asks.id, event.entityId)).get();
      if (!ask?.createdBy) break;
      notices.push({
        userId: ask.createdBy,
        kind: "ask_answered",
        projectId,
        title: `Your ask was answered (${ask.state})`,
        body: `Read the answer to "${shorten(ask.what)}"`,
        link: `/projects/${projectId}/asks`,
      });
      break;
    }
    case "action.created": {
      if (!event.entityId) break;
      const action = db
        .select({ owner: meetingActions.ownerUserId, text: meetingActions.text, dueOn: meetingActions.dueOn })
        .from(meetingActions)
        .where(eq(meetingActions.id, event.entityId))
        .get();
      if (!action) break;
      notices.push({
        userId: action.owner,
        kind: "action_assigned",
        projectId,
        title: `An action was assigned to you, due ${action.dueOn}`,
        body: shorten(action.text),
        link: "/actions",
      });
      break;
    }
    case "meeting.created":
    case "meeting.agenda_changed": {
      if (!event.entityId) break;
      const added =
        event.action === "meeting.created"
          ? db
              .select({ projectId: meetingItems.projectId })
              .from(meetingItems)
              .where(eq(meetingItems.meetingId, event.entityId))
              .all()
              .map((r) => r.projectId)
          : [(event.details as { added?: number } | null | undefined)?.added].filter((p): p is number => typeof p === "number");
      for (const pid of added) {
        const title = titleOf(db, pid);
        for (const userId of teamOf(db, pid)) {
          notices.push({
            userId,
            kind: "agenda",
            projectId: pid,
            title: `${title} is on the agenda of a board meeting`,
            body: "Check the project's status report and asks are up to date before the meeting",
            link: `/meetings/${event.entityId}`,
          });
        }
      }
      break;
    }
    case "win.recorded": {
      if (!projectId) break;
      const title = titleOf(db, projectId);
      for (const userId of teamOf(db, projectId)) {
        notices.push({
          userId,
          kind: "win",
          projectId,
          title: `A win on ${title} was confirmed`,
          body: "See the win and its evidence",
          link: `/projects/${projectId}/wins`,
        });
      }
      break;
    }
    case "comment.added":
    case "comment.edited": {
      if (!projectId || !event.entityId) break;
      const mentioned = (event.details as { mentioned?: unknown } | null | undefined)?.mentioned;
      if (!Array.isArray(mentioned) || mentioned.length === 0) break;
      const comment = getComment(db, event.entityId);
      if (!comment || comment.deletedAt) break;
      const about = findTarget(db, projectId, comment.targetType, comment.targetId);
      for (const userId of mentioned.filter((id): id is number => typeof id === "number")) {
        notices.push({
          userId,
          kind: "mention",
          projectId,
          title: `${comment.authorName} mentioned you in a comment on ${about?.label ?? "a project"}`,
          body: `Read the comment: "${shorten(comment.body)}"`,
          // The comment's own address (a redirect to its record, at the comment): a link with a #fragment is not a safe redirect.
          link: `/comments/${event.entityId}`,
        });
      }
      break;
    }
    default:
      break;
  }
  const actorId = event.actor?.id ?? null;
  return notices.filter((n) => n.userId !== actorId);
}

let unsubscribe: (() => void) | undefined;

/** Starts writing notifications for every later event (called once at start-up, and by tests). */
export function subscribeNotifications() {
  unsubscribe?.();
  unsubscribe = onEvent((db, event) => notify(db, noticesFor(db, event)));
  return () => {
    unsubscribe?.();
    unsubscribe = undefined;
  };
}
