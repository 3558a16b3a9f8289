// Handing a leaver's work to one successor (ADR 106): lead roles on open projects, open milestones, actions and
// asks, CQC actions and Big Conversation priorities move in one transaction, audited as `user.handed_over` with
// the list of what moved, and the leaver's account can be disabled in the same step.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { asks, auditEvents, conversationPriorities, cqcActions, meetingActions, milestones } from "~/db.server";
import type { Db } from "~/db.server";
import { nowMs } from "~/clock.server";
import { describeHoldings, SUCCESSOR_MESSAGE } from "~/domain/hand-over";
import { TEAM_ROLE_LABELS } from "~/domain/labels";
import { formatDateTime } from "~/domain/calendar";
import { ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";
import { holdingCount, holdingCounts, listHoldings } from "~/models/leaver.server";
import { deleteSessionsForUser } from "~/models/session.server";
import { assignLead } from "~/models/team-edit.server";
import { getUser, setUserDisabled, updateUserAccount } from "~/models/user.server";

export type HandOver = {
  userId: number;
  /** The leaver's account version the page showed: anything changed since is a 409. */
  version: number;
  successorId: number;
  /** Also disable the leaver's account (and end their sessions). */
  disable: boolean;
};

export type HandedOver = { email: string; successor: string; moved: string; disabled: boolean };

/** A 409 naming who last changed the account, and when. */
function changedMeanwhile(db: Db, userId: number, name: string) {
  const last = db
    .select({ who: auditEvents.actorEmail, at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, userId)))
    .orderBy(desc(auditEvents.id))
    .get();
  const by = last ? ` (${last.who || "someone"}, ${formatDateTime(last.at)})` : "";
  return refused(`${name}'s account was changed since you opened this page${by}. Check what they hold now and hand over again`, 409);
}

export function handOverWork(db: Db, actor: Actor, input: HandOver): CommandResult<HandedOver> {
  return runCommand(db, (tx) => {
    const leaver = getUser(tx, input.userId);
    if (!leaver) return refused("We could not find that person.", 404);
    if (leaver.version !== input.version) return changedMeanwhile(tx, leaver.id, leaver.name);
    if (input.disable && leaver.id === actor.id) return refused("You cannot disable yourself.", 400);
    if (input.successorId === leaver.id) return refused(`Choose someone other than ${leaver.name}: they are the one leaving`, 400);
    const successor = getUser(tx, input.successorId);
    if (!successor) return refused(SUCCESSOR_MESSAGE, 400);
    if (successor.disabledAt) return refused(`${successor.name}'s account is disabled: choose someone who is still here`, 400);
    const held = listHoldings(tx, leaver.id);
    if (held.asks.length && successor.role === "viewer") {
      return refused(`${successor.name} is a viewer and cannot answer asks: choose someone else, or change their role first`, 400);
    }
    if (holdingCount(held) === 0 && !input.disable) return refused(`${leaver.name} holds nothing to hand over`, 400);

    const at = new Date(nowMs());
    const versioned = { ownerUserId: successor.id, updatedAt: at, updatedBy: actor.id };
    // Lead roles: the leaver's row ends and the successor's starts, so the team history shows the hand-over.
    const byProject = new Map<number, string[]>();
    for (const lead of held.leads) {
      assignLead(tx, lead.projectId, lead.role, successor.id);
      byProject.set(lead.projectId, [...(byProject.get(lead.projectId) ?? []), TEAM_ROLE_LABELS[lead.role]]);
    }
    for (const [projectId, roles] of byProject) {
      record(tx, actor, {
        action: "project.team_changed",
        entityType: "project",
        entityId: projectId,
        projectId,
        summary: `${roles.join(", ")}: ${leaver.name} → ${successor.name} (handed over)`,
        details: { joined: { userId: successor.id, role: held.leads.find((l) => l.projectId === projectId)!.role } },
      });
    }
    const ids = <T extends { id: number }>(list: T[]) => list.map((r) => r.id);
    if (held.milestones.length) {
      tx.update(milestones)
        .set({ ...versioned, owner: "", version: sql`${milestones.version} + 1` })
        .where(inArray(milestones.id, ids(held.milestones)))
        .run();
    }
    if (held.actions.length) {
      tx.update(meetingActions)
        .set({ ...versioned, version: sql`${meetingActions.version} + 1` })
        .where(inArray(meetingActions.id, ids(held.actions)))
        .run();
    }
    if (held.asks.length) {
      tx.update(asks)
        .set({ addresseeUserId: successor.id, updatedAt: at, updatedBy: actor.id, version: sql`${asks.version} + 1` })
        .where(inArray(asks.id, ids(held.asks)))
        .run();
    }
    if (held.cqcActions.length) {
      tx.update(cqcActions)
        .set({ ownerId: successor.id })
        .where(inArray(cqcActions.id, ids(held.cqcActions)))
        .run();
    }
    if (held.priorities.length) {
      tx.update(conversationPriorities)
        .set({ ...versioned, version: sql`${conversationPriorities.version} + 1` })
        .where(inArray(conversationPriorities.id, ids(held.priorities)))
        .run();
    }

    const moved = describeHoldings(holdingCounts(held));
    if (holdingCount(held) > 0) {
      record(tx, actor, {
        action: "user.handed_over",
        entityType: "user",
        entityId: leaver.id,
        summary: `Handed over the work of ${leaver.email} to ${successor.email}: ${moved}`,
        details: {
          to: successor.id,
          leads: held.leads.map((l) => ({ projectId: l.projectId, role: l.role })),
          milestones: ids(held.milestones),
          actions: ids(held.actions),
          asks: ids(held.asks),
          cqcActions: ids(held.cqcActions),
          priorities: ids(held.priorities),
        },
      });
    }
    const disabling = input.disable && !leaver.disabledAt;
    if (disabling) {
      setUserDisabled(tx, leaver.id, true);
      deleteSessionsForUser(tx, leaver.id);
      record(tx, actor, { action: "user.disabled", entityType: "user", entityId: leaver.id, summary: `Disabled ${leaver.email} and ended their sessions` });
    } else {
      // The account's version moves with every hand-over, so a second admin's page of the same holdings is stale.
      updateUserAccount(tx, leaver.id, {});
    }
    return ok({ email: leaver.email, successor: successor.name, moved, disabled: disabling });
  });
}

/** Disabling a leaver without handing over (their projects then show "Lead has left" on the board); versioned. */
export function disableLeaver(db: Db, actor: Actor, input: { userId: number; version: number }): CommandResult<{ email: string; kept: string }> {
  return runCommand(db, (tx) => {
    const leaver = getUser(tx, input.userId);
    if (!leaver) return refused("We could not find that person.", 404);
    if (leaver.version !== input.version) return changedMeanwhile(tx, leaver.id, leaver.name);
    if (leaver.id === actor.id) return refused("You cannot disable yourself.", 400);
    if (leaver.disabledAt) return refused(`${leaver.name}'s account is already disabled`, 400);
    const held = listHoldings(tx, leaver.id);
    const kept = describeHoldings(holdingCounts(held));
    setUserDisabled(tx, leaver.id, true);
    deleteSessionsForUser(tx, leaver.id);
    record(tx, actor, {
      action: "user.disabled",
      entityType: "user",
      entityId: leaver.id,
      summary: `Disabled ${leaver.email} and ended their sessions, without handing over ${kept}`,
    });
    return ok({ email: leaver.email, kept });
  });
}
