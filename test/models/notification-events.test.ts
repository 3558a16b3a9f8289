// Notifications follow the write commands' events, in the same transaction: the right people, only them,
// never the person who made the change, never a disabled account; the outbox holds the emails of "straight away".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionSecret } from "~/auth/secrets.server";
import { resetEnvForTests } from "~/env.server";
import { subscribeNotifications } from "~/models/notification-events.server";
import { addTeamMember, assignTeamLead } from "~/models/team-commands.server";
import { answerAsk, raiseAsk } from "~/models/ask-commands.server";
import { addAgendaItem, addMeetingAction } from "~/models/meeting-commands.server";
import { decideStage } from "~/models/project-stage-commands.server";
import { recordWin } from "~/models/win-commands.server";
import { setPreference } from "~/models/notification-commands.server";
import { record, refused, runCommand } from "~/models/command.server";
import { workbook } from "./workbook-fixture";

let stop: () => void;
beforeAll(() => {
  process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
  process.env.PUBLIC_URL = "https://qi.example.nhs.uk";
  resetEnvForTests();
  loadSessionSecret(false);
  stop = subscribeNotifications();
});
afterAll(() => {
  stop();
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

function setup() {
  const w = workbook();
  const project = w.one<{ id: number; title: string }>("select id, title from projects where stage = 'active' order by id");
  const outsider = w.one<{ id: number; email: string }>(
    "select id, email from users where role = 'staff' and disabled_at is null and id not in (select user_id from project_team where project_id = ? and ended_at is null) and id <> ? order by id",
    project.id,
    w.actor.id,
  );
  const notices = (userId: number) =>
    w.all<{ kind: string; title: string; link: string }>("select kind, title, link from notifications where user_id = ? order by id", userId);
  const mail = () =>
    w.all<{ to_address: string; kind: string; subject: string; text_body: string; html_body: string; unsubscribe_url: string }>(
      "select * from email_outbox order by id",
    );
  return { ...w, project, outsider, notices, mail };
}

describe("immediate notifications", () => {
  it("tells a person added to a team, once, with an email carrying the link and a signed unsubscribe", () => {
    const w = setup();
    const result = addTeamMember(w.db, w.actor, { projectId: w.project.id, userId: w.outsider.id, formToken: "notify-team-000001", location: "/x" });
    expect(result.ok).toBe(true);
    expect(w.notices(w.outsider.id)).toEqual([
      { kind: "team", title: `You were added to the team of ${w.project.title}`, link: `/projects/${w.project.id}/team` },
    ]);
    const mail = w.mail();
    expect(mail.map((m) => m.to_address)).toEqual([w.outsider.email]);
    expect(mail[0].subject).toContain(w.project.title);
    expect(mail[0].text_body).toContain(`https://qi.example.nhs.uk/projects/${w.project.id}/team`);
    expect(mail[0].unsubscribe_url).toMatch(new RegExp(`^https://qi\\.example\\.nhs\\.uk/notifications/unsubscribe\\?u=${w.outsider.id}&k=team&s=`));
    expect(mail[0].html_body).not.toMatch(/<img|<script/i);
    // The actor is not told about their own change.
    expect(w.notices(w.actor.id)).toEqual([]);
  });

  it("writes nothing when the command is refused after its event: the notification shares the event's transaction", () => {
    const w = setup();
    const before = [w.count("notifications"), w.count("email_outbox"), w.count("audit_events")];
    const result = runCommand(w.db, (tx) => {
      record(tx, w.actor, { action: "win.recorded", entityType: "win", entityId: 1, projectId: w.project.id, summary: "A win" });
      expect(w.count("notifications")).toBeGreaterThan(before[0]);
      return refused("Changed my mind");
    });
    expect(result.ok).toBe(false);
    expect([w.count("notifications"), w.count("email_outbox"), w.count("audit_events")]).toEqual(before);
  });

  it("tells a new lead", () => {
    const w = setup();
    const lead = w.one<{ user_id: number }>(
      "select user_id from project_team where project_id = ? and role = 'executive_lead' and ended_at is null",
      w.project.id,
    );
    expect(assignTeamLead(w.db, w.actor, { projectId: w.project.id, role: "executive_lead", current: lead.user_id, userId: w.outsider.id }).ok).toBe(true);
    expect(w.notices(w.outsider.id).map((n) => n.title)).toEqual([`You are now the executive lead of ${w.project.title}`]);
  });

  it("sends an ask for the board to each enabled board member and answers back to whoever raised it", () => {
    const w = setup();
    const board = w.all<{ id: number }>("select id from users where role = 'board' and disabled_at is null");
    expect(board.length).toBeGreaterThan(0);
    const raised = raiseAsk(w.db, w.actor, {
      projectId: w.project.id,
      what: "Two more porters on Fridays",
      addressee: "board",
      addresseeUserId: null,
      dueOn: null,
      formToken: "notify-ask-0000001",
      locate: String,
    });
    expect(raised.ok).toBe(true);
    const told = w.all<{ user_id: number }>("select user_id from notifications where kind = 'ask_for_you' order by user_id");
    expect(told.map((r) => r.user_id)).toEqual(board.map((b) => b.id).sort((a, b) => a - b));
    const ask = w.one<{ id: number; version: number }>("select id, version from asks order by id desc limit 1");
    const answerer = { id: board[0].id, email: "board@example.org", ip: "192.0.2.9" };
    expect(answerAsk(w.db, answerer, { askId: ask.id, version: ask.version, outcome: "accepted", response: "Yes" }).ok).toBe(true);
    expect(w.notices(w.actor.id)).toEqual([{ kind: "ask_answered", title: "Your ask was answered (accepted)", link: `/projects/${w.project.id}/asks` }]);
  });

  it("sends an ask for a named person to that person only", () => {
    const w = setup();
    raiseAsk(w.db, w.actor, {
      projectId: w.project.id,
      what: "Can pharmacy join the huddle?",
      addressee: "person",
      addresseeUserId: w.outsider.id,
      dueOn: null,
      formToken: "notify-ask-0000002",
      locate: String,
    });
    expect(w.all("select user_id from notifications")).toEqual([{ user_id: w.outsider.id }]);
  });

  it("tells the owner of a new action, and the team when their project joins an agenda", () => {
    const w = setup();
    const meeting = w.one<{ id: number; version: number; programme_id: number }>(
      "select id, version, programme_id from meetings where state = 'planned' order by id",
    );
    const ref = { programmeId: meeting.programme_id, meetingId: meeting.id, version: meeting.version };
    const action = addMeetingAction(w.db, w.actor, {
      ...ref,
      projectId: w.project.id,
      text: "Share the audit",
      ownerUserId: w.outsider.id,
      dueOn: "2026-04-01",
      location: "/m",
      once: { userId: w.actor.id, kind: "action", token: "notify-action-00001" },
    });
    expect(action.ok).toBe(true);
    expect(w.notices(w.outsider.id).map((n) => n.kind)).toEqual(["action_assigned"]);

    const other = w.one<{ id: number }>(
      "select id from projects where stage = 'active' and id not in (select project_id from meeting_items where meeting_id = ?) order by id",
      meeting.id,
    );
    const team = w.all<{ user_id: number }>(
      "select distinct user_id from project_team where project_id = ? and ended_at is null and user_id <> ?",
      other.id,
      w.actor.id,
    );
    expect(team.length).toBeGreaterThan(0);
    const version = w.one<{ version: number }>("select version from meetings where id = ?", meeting.id).version;
    expect(addAgendaItem(w.db, w.actor, { ...ref, version, projectId: other.id }).ok).toBe(true);
    const told = w.all<{ user_id: number }>("select user_id from notifications where kind = 'agenda' order by user_id");
    expect(told.map((r) => r.user_id)).toEqual(team.map((t) => t.user_id).sort((a, b) => a - b));
  });

  it("tells the team of a confirmed win, except a disabled member", () => {
    const w = setup();
    const team = w.all<{ user_id: number }>(
      "select distinct user_id from project_team where project_id = ? and ended_at is null and user_id <> ? order by user_id",
      w.project.id,
      w.actor.id,
    );
    expect(team.length).toBeGreaterThan(1);
    w.db.$client.prepare("update users set disabled_at = 1 where id = ?").run(team[0].user_id);
    expect(
      recordWin(w.db, w.actor, { projectId: w.project.id, title: "Falls halved", description: "", formToken: "notify-win-0000001", location: "/w" }).ok,
    ).toBe(true);
    const told = w.all<{ user_id: number }>("select user_id from notifications where kind = 'win' order by user_id").map((r) => r.user_id);
    expect(told).toEqual(team.slice(1).map((t) => t.user_id));
    const disabledEmail = w.one<{ email: string }>("select email from users where id = ?", team[0].user_id).email;
    expect(w.mail().map((m) => m.to_address)).not.toContain(disabledEmail);
  });
});

describe("proposals", () => {
  it("tells the proposer their proposal was declined", () => {
    const w = setup();
    const proposal = w.one<{ id: number; version: number; created_by: number; title: string }>(
      "select id, version, created_by, title from projects where stage = 'proposed' and created_by is not null and created_by <> ? order by id",
      w.actor.id,
    );
    const board = w.one<{ id: number; email: string }>("select id, email from users where role = 'board' order by id");
    const result = decideStage(w.db, board, { projectId: proposal.id, action: "decline", version: proposal.version, reason: "Not this year", assignments: [] });
    expect(result.ok).toBe(true);
    expect(w.notices(proposal.created_by).filter((n) => n.kind === "proposal")).toEqual([
      { kind: "proposal", title: `Your proposal ${proposal.title} was declined`, link: `/projects/${proposal.id}` },
    ]);
  });
});

describe("preferences", () => {
  it("a digest keeps the notification for the digest and sends no email now; off sends no email", () => {
    const w = setup();
    expect(setPreference(w.db, { id: w.outsider.id, email: w.outsider.email }, { userId: w.outsider.id, kind: "team", mode: "daily" }).ok).toBe(true);
    addTeamMember(w.db, w.actor, { projectId: w.project.id, userId: w.outsider.id, formToken: "notify-team-000002", location: "/x" });
    expect(w.notices(w.outsider.id)).toHaveLength(1);
    expect(w.one("select digested_at from notifications where user_id = ?", w.outsider.id)).toEqual({ digested_at: null });
    expect(w.mail()).toEqual([]);
    expect(w.audits("notification.preferences_changed").at(-1)?.summary).toContain("daily digest");
  });
});
