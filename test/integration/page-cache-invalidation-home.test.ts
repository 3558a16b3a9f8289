// The page cache's invalidation, home page and header: every command whose data the home page shows
// (the person's actions, the programme's name, proposals awaiting the board, recent wins) or the
// header's unread count is driven here; the kept page must be rendered again and show the change.
import { afterAll, beforeAll, describe, expect } from "vitest";
import { completeAction } from "~/models/action-commands.server";
import { addPriorityAction } from "~/models/conversation-commands.server";
import { addMeetingAction } from "~/models/meeting-commands.server";
import { markAllNotificationsRead, markNotificationRead } from "~/models/notification-commands.server";
import { saveProgrammeDetails } from "~/models/programme-commands.server";
import { proposeProject } from "~/models/project-stage-commands.server";
import { changeUser } from "~/models/user-commands.server";
import { confirmWin, recordWin } from "~/models/win-commands.server";
import { getWinEvidence } from "~/models/win.server";
import { suggestWins } from "~/domain/win-suggestions";
import type { Page } from "../helpers/html";
import { around, driveEvery, must } from "../helpers/page-cache-journey";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";

let server: TestServer;
let staff: Client;
let board: Client;
let programmeId: number;

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).all(...params) as T[];
const actor = (email: string) => {
  const u = one<{ id: number; role: "admin" | "board" | "staff" }>("select id, role from users where email = ?", email);
  return { id: u.id, email, role: u.role };
};
/** The header's "Notifications N unread". */
const unreadIn = (p: Page) => Number(/Notifications (\d+) unread/.exec(p.text)?.[1] ?? 0);
const unreadOf = (email: string) => one<{ n: number }>("select count(*) as n from notifications where user_id = ? and read_at is null", actor(email).id).n;

beforeAll(async () => {
  server = await startTestServer();
  staff = await Client.signedIn(server.url, "staff@example.org");
  board = await Client.signedIn(server.url, "board@example.org");
  programmeId = one<{ id: number }>("select id from programmes order by id limit 1").id;
  // Someone with unread notifications to read.
  const staffId = actor("staff@example.org").id;
  for (const title of ["First for the cache", "Second for the cache", "Third for the cache"]) {
    server.db.$client
      .prepare("insert into notifications (user_id, kind, title, body, link, created_at) values (?, 'team', ?, '', '/', ?)")
      .run(staffId, title, Date.now());
  }
});
afterAll(() => server?.close());

let actionId = 0;

describe("the home page and the header after each command", () => {
  driveEvery("home", {
    "conversation.addPriorityAction": async () => {
      const priorityId = one<{ id: number }>("select id from conversation_priorities order by id limit 1").id;
      const text = "Service contract for the lifts, for the cache";
      const { after } = await around(staff, ["/"], () => {
        actionId = must(
          addPriorityAction(server.db, actor("admin@example.org"), {
            programmeId,
            priorityId,
            text,
            ownerUserId: actor("staff@example.org").id,
            dueOn: "2026-12-30",
          }),
        ).actionId;
      });
      expect(after[0].text).toContain(text);
    },

    "action.completeAction": async () => {
      const { before, after } = await around(staff, ["/"], () =>
        must(
          completeAction(server.db, actor("staff@example.org"), {
            actionId,
            version: one<{ version: number }>("select version from meeting_actions where id = ?", actionId).version,
            today: TEST_TODAY,
          }),
        ),
      );
      expect(before[0].text).toContain("Service contract for the lifts, for the cache");
      expect(after[0].text).not.toContain("Service contract for the lifts, for the cache");
    },

    "meeting.addMeetingAction": async () => {
      const meeting = one<{ id: number; version: number }>("select id, version from meetings where closed_at is null order by id limit 1");
      const text = "Write to the trust board about theatre lists, for the cache";
      const { after } = await around(staff, ["/"], () =>
        must(
          addMeetingAction(server.db, actor("board@example.org"), {
            programmeId,
            meetingId: meeting.id,
            version: meeting.version,
            projectId: null,
            text,
            ownerUserId: actor("staff@example.org").id,
            dueOn: "2026-12-30",
            location: "/m",
            once: { userId: actor("board@example.org").id, kind: "meeting_action", token: undefined },
          }),
        ),
      );
      expect(after[0].text).toContain(text);
    },

    "notification.markNotificationRead": async () => {
      const id = one<{ id: number }>(
        "select id from notifications where user_id = ? and read_at is null order by id limit 1",
        actor("staff@example.org").id,
      ).id;
      const was = unreadOf("staff@example.org");
      const { before, after } = await around(staff, ["/", "/learning"], () => must(markNotificationRead(server.db, actor("staff@example.org").id, id)));
      expect(was).toBeGreaterThan(1);
      for (const p of before) expect(unreadIn(p)).toBe(was);
      for (const p of after) expect(unreadIn(p)).toBe(was - 1);
    },

    "notification.markAllNotificationsRead": async () => {
      const { before, after } = await around(staff, ["/", "/learning"], () => must(markAllNotificationsRead(server.db, actor("staff@example.org").id)));
      for (const p of before) expect(unreadIn(p)).toBeGreaterThan(0);
      for (const p of after) expect(unreadIn(p)).toBe(0);
    },

    "programme.saveProgrammeDetails": async () => {
      const p = one<{
        trust_name: string;
        milestone_slip_days: number;
        pdsa_stale_weeks: number;
        status_stale_weeks: number;
        measure_gap_periods: number;
        ask_open_days: number;
      }>("select * from programmes where id = ?", programmeId);
      const name = "Quality Together, renamed for the cache";
      const { after } = await around(staff, ["/", "/board"], () =>
        must(
          saveProgrammeDetails(server.db, actor("admin@example.org"), {
            programmeId,
            values: {
              name,
              trustName: p.trust_name,
              milestoneSlipDays: p.milestone_slip_days,
              pdsaStaleWeeks: p.pdsa_stale_weeks,
              statusStaleWeeks: p.status_stale_weeks,
              measureGapPeriods: p.measure_gap_periods,
              askOpenDays: p.ask_open_days,
            },
          }),
        ),
      );
      for (const page of after) expect(page.text).toContain(name);
    },

    "project-stage.proposeProject": async () => {
      const title = "Fewer falls on the stroke unit, proposed for the cache";
      const { after } = await around(board, ["/", "/board"], () =>
        must(
          proposeProject(server.db, actor("staff@example.org"), {
            programmeId,
            title,
            problem: "Falls at night",
            proposalIdea: "Intentional rounding",
            divisionId: null,
            once: { userId: actor("staff@example.org").id, kind: "project", token: undefined },
          }),
        ),
      );
      for (const page of after) expect(page.text).toContain(title);
    },

    "win.recordWin": async () => {
      const projectId = one<{ id: number }>("select id from projects where stage = 'active' order by id limit 1").id;
      const title = "Screening at 90% for a month, a win for the cache";
      const { after } = await around(staff, ["/"], () =>
        must(recordWin(server.db, actor("admin@example.org"), { projectId, title, description: "", location: "/w" })),
      );
      expect(after[0].text).toContain(title);
    },

    "win.confirmWin": async () => {
      const found = all<{ id: number }>("select id from projects order by id")
        .map((p) => ({ projectId: p.id, suggestion: suggestWins(getWinEvidence(server.db, p.id, TEST_TODAY)!)[0] }))
        .find((p) => p.suggestion);
      expect(found, "the demo portfolio has a suggested win").toBeDefined();
      const title = "A suggested win, confirmed for the cache";
      const { after } = await around(staff, ["/"], () =>
        must(
          confirmWin(server.db, actor("admin@example.org"), {
            projectId: found!.projectId,
            evidenceRef: found!.suggestion.evidenceRef,
            today: TEST_TODAY,
            title,
            description: "",
          }),
        ),
      );
      expect(after[0].text).toContain(title);
    },

    "user.changeUser": async () => {
      // A staff member made a board member sees what the board sees on the home page.
      const viewer = await Client.signedIn(server.url, "viewer@example.org");
      const { before, after } = await around(viewer, ["/"], () =>
        must(changeUser(server.db, actor("admin@example.org"), { userId: actor("viewer@example.org").id, change: { kind: "role", role: "board" } })),
      );
      expect(after[0].text).not.toBe(before[0].text);
    },
  });
});
