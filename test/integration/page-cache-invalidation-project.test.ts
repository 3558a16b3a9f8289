// The page cache's invalidation, project page: every command whose data the project page shows (its
// charter, team, cycles, milestones, measures, asks, latest report, progress scores and its "Recent
// activity", which lists every audit row of the project) — and the board where it shows the same —
// is driven here; each kept page must be rendered again and show the change (ADR 126).
import { afterAll, beforeAll, describe, expect } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { projectTeam } from "../../db/schema";
import { closeProject } from "~/models/charter-commands.server";
import { addQuickWin, addStory, removeQuickWin, removeStory, saveMission, updateStory } from "~/models/cohort-commands.server";
import { linkCqcAction } from "~/models/cqc-commands.server";
import { attachMeasure, linkNode, moveNode, rateIdea, reorderNode, unlinkNode } from "~/models/driver-commands.server";
import { handOverWork } from "~/models/leaver-commands.server";
import { createMeasure, deleteMeasure, makePrimary } from "~/models/measure-commands.server";
import { definitionOf, getMeasure } from "~/models/measure.server";
import { addAgendaItem, moveAgendaItem, recordItemReview, removeAgendaItem } from "~/models/meeting-commands.server";
import { eraseUser } from "~/models/personal-data-commands.server";
import { saveSettings } from "~/models/presentation-commands.server";
import { getSettings } from "~/models/presentation.server";
import { importHistory } from "~/models/project-import-commands.server";
import { decideStage, refuseStageAction } from "~/models/project-stage-commands.server";
import { recordRefusal } from "~/models/session-commands.server";
import { setReadyToSpread } from "~/models/spread-commands.server";
import { addTeamMember, assignTeamLead, removeTeamMember, vacateTeamLead } from "~/models/team-commands.server";
import { editPerson } from "~/models/user-commands.server";
import { dismissWin } from "~/models/win-commands.server";
import { getWinEvidence } from "~/models/win.server";
import { suggestWins } from "~/domain/win-suggestions";
import { charterForm } from "../helpers/charter-form";
import { userIdOf } from "../helpers/db";
import type { Page } from "../helpers/html";
import { pdsaCreateForm, pdsaEditForm } from "../helpers/pdsa-form";
import { around, driveEvery, firstActivity, must, newestActivity } from "../helpers/page-cache-journey";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";

let server: TestServer;
let lead: Client;
let board: Client;
/** A project lead@ is on. */
let projectId: number;

beforeAll(async () => {
  server = await startTestServer();
  lead = await Client.signedIn(server.url, "lead@example.org");
  board = await Client.signedIn(server.url, "board@example.org");
  const teams = server.db
    .select({ projectId: projectTeam.projectId })
    .from(projectTeam)
    .where(and(eq(projectTeam.userId, userIdOf(server.db, "lead@example.org")), isNull(projectTeam.endedAt)))
    .all()
    .map((r) => r.projectId);
  projectId = teams[0];
});
afterAll(() => server?.close());

const page = (id = projectId) => `/projects/${id}`;
const actor = (email: string) => ({ id: userIdOf(server.db, email), email });
const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).all(...params) as T[];
const versionOf = (table: string, id: number) => one<{ version: number }>(`select version from ${table} where id = ?`, id).version;

/**
 * The project page is rendered again and its "Recent activity" begins with the audit row the write
 * made. Returns the pages as read after the write (the project page first).
 */
async function activityJourney(write: () => unknown, opts: { project?: number; client?: Client; also?: string[] } = {}) {
  const project = opts.project ?? projectId;
  const before = newestActivity(server.db, project)?.id ?? 0;
  const { before: kept, after } = await around(opts.client ?? lead, [page(project), ...(opts.also ?? [])], write);
  const newest = newestActivity(server.db, project)!;
  expect(newest.id, "the write made an audit row of the project").toBeGreaterThan(before);
  expect(firstActivity(after[0])).toContain(newest.summary.replace(/\s+/g, " ").trim());
  expect(firstActivity(kept[0])).not.toBe(firstActivity(after[0]));
  return { kept, after };
}

async function posted(res: Response) {
  expect(res.status, res.status === 302 ? "" : (await res.clone().text()).slice(0, 300)).toBe(302);
  return res;
}

/** An action that answers on its own page (no redirect) with what it did. */
async function answered(res: Response) {
  expect(res.status).toBe(200);
  return res;
}

let askId = 0;
let milestoneId = 0;
let cycleId = 0;
let teamRowId = 0;
let newMeasureId = 0;

describe("the project page and the board after each command", () => {
  driveEvery("project", {
    "charter.editCharter": async () => {
      const old = one<{ title: string }>("select title from projects where id = ?", projectId).title;
      const title = "Sepsis screening within the hour, renamed";
      const { after } = await around(board, [page(), "/board"], async () =>
        posted(await lead.post(`/projects/${projectId}/edit`, charterForm(server.db, projectId, { title }))),
      );
      for (const p of after) {
        expect(p.text).toContain(title);
      }
      expect(after[0].text).not.toContain(`${old} `);
    },

    "ask.raiseAsk": async () => {
      const what = "Fund a band 6 nurse for two sessions a week, asked today.";
      const { after } = await around(lead, [page()], async () => {
        const res = await posted(await lead.post(`/projects/${projectId}/asks`, { intent: "raise", what, addressee: "board" }));
        askId = Number(new URL(res.headers.get("location")!, server.url).searchParams.get("raised"));
      });
      expect(after[0].text).toContain(what);
    },

    "ask.answerAsk": async () => {
      const response = "Agreed from January, funded from the winter budget.";
      const { before, after } = await around(lead, [page()], async () =>
        answered(
          await board.post("/asks", { intent: "answer", askId: String(askId), version: String(versionOf("asks", askId)), outcome: "accepted", response }),
        ),
      );
      expect(before[0].text).not.toContain(response);
      expect(after[0].text).toContain(`Response: ${response}`);
    },

    "status-report.writeStatusReport": async () => {
      const progress = "Screening at 84% for six weeks, written for the cache.";
      const { after } = await activityJourney(
        async () =>
          posted(
            await lead.post(`/projects/${projectId}/status/new`, {
              reportDate: TEST_TODAY,
              rag: "red",
              ragReason: "Two nurses left the ward",
              progress,
              nextSteps: "Recruit",
              risks: "Winter",
            }),
          ),
        { also: ["/board"], client: board },
      );
      expect(after[0].text, after[0].text.slice(0, 3000)).toMatch(/Latest status report Red on 26 Nov/);
    },

    "progress.scoreProgress": async () => {
      const evidence = "Twenty weeks above the target line, scored for the cache.";
      const since = String(one<{ id: number | null }>("select max(id) as id from progress_scores where project_id = ?", projectId).id ?? 0);
      const { kept: before, after } = await activityJourney(async () =>
        posted(await lead.post(`/projects/${projectId}/progress`, { score: "4.5", evidence, since })),
      );
      expect(before[0].text).not.toContain(evidence);
      expect(after[0].text).toContain(evidence);
    },

    "milestone.addMilestone": async () => {
      const title = "Business case to the board, for the cache";
      const { after } = await around(lead, [page()], async () => {
        const res = await posted(
          await lead.post(`/projects/${projectId}/milestones`, { intent: "create", title, owner: "Fiona McLeod", baselineDate: "2026-12-01" }),
        );
        milestoneId = Number(new URL(res.headers.get("location")!, server.url).searchParams.get("added"));
      });
      expect(after[0].text).toContain(title);
    },

    "milestone.updateMilestone": async () => {
      const m = one<Record<string, string | number | null>>("select * from milestones where id = ?", milestoneId);
      const title = "Business case to the board, renamed";
      const { after } = await around(lead, [page()], async () =>
        posted(
          await lead.post(`/projects/${projectId}/milestones/${milestoneId}`, {
            intent: "update",
            version: String(m.version),
            title,
            owner: String(m.owner),
            forecastDate: String(m.forecast_date),
            completedOn: "",
          }),
        ),
      );
      expect(after[0].text).toContain(title);
    },

    "milestone.rebaselineMilestone": async () => {
      await activityJourney(async () =>
        posted(
          await lead.post(`/projects/${projectId}/milestones/${milestoneId}`, {
            intent: "rebaseline",
            version: String(versionOf("milestones", milestoneId)),
            baselineDate: "2027-01-15",
            reason: "The board meets later",
          }),
        ),
      );
    },

    "milestone.deleteMilestone": async () => {
      const { kept: before, after } = await activityJourney(async () =>
        posted(
          await lead.post(`/projects/${projectId}/milestones/${milestoneId}`, { intent: "delete", version: String(versionOf("milestones", milestoneId)) }),
        ),
      );
      const count = (p: Page) => p.text.split("Business case to the board, renamed").length;
      expect(count(after[0])).toBeLessThan(count(before[0]) + 1);
      expect(after[0].tableRows().flat().join(" ")).not.toContain("Business case to the board, renamed");
    },

    "pdsa.createCycle": async () => {
      const measureId = one<{ id: number }>("select id from measures where project_id = ? and deleted_at is null", projectId).id;
      const title = "Prompt card at every bedside, for the cache";
      const { after } = await around(lead, [page(), "/learning?q=bedside"], async () => {
        const res = await posted(
          await lead.post(
            `/projects/${projectId}/pdsa/new`,
            pdsaCreateForm([measureId], { title, planWho: "Day-shift nurses", planWhat: "A laminated card", planDataCollection: "Daily audit" }),
          ),
        );
        cycleId = Number(res.headers.get("location")!.match(/\/pdsa\/(\d+)/)![1]);
      });
      for (const p of after) expect(p.text).toContain(title);
    },

    "pdsa.updateCycle": async () => {
      const title = "Prompt card at every bedside, nights too";
      const { after } = await around(lead, [page()], async () =>
        posted(await lead.post(`/projects/${projectId}/pdsa/${cycleId}`, pdsaEditForm(server.db, cycleId, { title }))),
      );
      expect(after[0].text).toContain(title);
    },

    "pdsa.deleteCycle": async () => {
      const { after } = await activityJourney(async () =>
        posted(await lead.post(`/projects/${projectId}/pdsa/${cycleId}`, { intent: "delete", version: String(versionOf("pdsa_cycles", cycleId)) })),
      );
      expect(after[0].tableRows().flat().join(" ")).not.toContain("nights too");
    },

    "team.addTeamMember": async () => {
      const staff = one<{ id: number; name: string }>("select id, name from users where email = 'staff@example.org'");
      const onTeam = () => all<{ id: number }>("select id from project_team where project_id = ? and user_id = ? and ended_at is null", projectId, staff.id);
      for (const row of onTeam()) must(removeTeamMember(server.db, actor("admin@example.org"), { projectId, teamRowId: row.id }));
      const { kept, after } = await activityJourney(() =>
        must(addTeamMember(server.db, actor("admin@example.org"), { projectId, userId: staff.id, formToken: "cache-team-0000001", location: "/x" })),
      );
      const count = (p: Page) => p.text.split(staff.name).length;
      expect(count(after[0])).toBeGreaterThan(count(kept[0]));
      teamRowId = onTeam()[0].id;
    },

    "team.removeTeamMember": async () => {
      await activityJourney(() => must(removeTeamMember(server.db, actor("admin@example.org"), { projectId, teamRowId })));
    },

    "team.assignTeamLead": async () => {
      const board = one<{ id: number; name: string }>("select id, name from users where email = 'board@example.org'");
      const holder = one<{ user_id: number } | undefined>(
        "select user_id from project_team where project_id = ? and role = 'senior_manager' and ended_at is null",
        projectId,
      );
      const { kept, after } = await activityJourney(() =>
        must(assignTeamLead(server.db, actor("admin@example.org"), { projectId, role: "senior_manager", current: holder?.user_id ?? "", userId: board.id })),
      );
      const count = (p: Page) => p.text.split(board.name).length;
      expect(count(after[0])).toBeGreaterThan(count(kept[0]));
    },

    "team.vacateTeamLead": async () => {
      const board = userIdOf(server.db, "board@example.org");
      await activityJourney(() => must(vacateTeamLead(server.db, actor("admin@example.org"), { projectId, role: "senior_manager", current: board })));
    },

    "measure.createMeasure": async () => {
      const m = getMeasure(server.db, projectId, one<{ id: number }>("select id from measures where project_id = ? and deleted_at is null", projectId).id)!;
      const name = "Door to needle, for the cache";
      const { after } = await activityJourney(() => {
        const made = must(
          createMeasure(server.db, actor("lead@example.org"), {
            projectId,
            values: { ...definitionOf(m), name, isPrimary: false },
            formToken: "cache-measure-0001",
            locate: (id) => `/m/${id}`,
          }),
        );
        newMeasureId = made.id!;
      });
      expect(after[0].text).toContain(name);
    },

    "measure.makePrimary": async () => {
      const m = getMeasure(server.db, projectId, newMeasureId)!;
      await activityJourney(() => must(makePrimary(server.db, actor("lead@example.org"), { measure: m, version: m.version })));
    },

    "measure.deleteMeasure": async () => {
      const m = getMeasure(server.db, projectId, newMeasureId)!;
      const { after } = await activityJourney(() => must(deleteMeasure(server.db, actor("lead@example.org"), { measure: m, version: m.version })));
      expect(after[0].tableRows().flat().join(" ")).not.toContain("Door to needle, for the cache");
    },

    "project-stage.refuseStageAction": async () => {
      await activityJourney(() => must(refuseStageAction(server.db, actor("lead@example.org"), { projectId, action: "stop" })));
    },

    "session.recordRefusal": async () => {
      await activityJourney(() => must(recordRefusal(server.db, actor("staff@example.org"), { what: "approve projects", projectId })));
    },

    "presentation.saveSettings": async () => {
      const current = getSettings(server.db, projectId)!;
      await activityJourney(() =>
        must(
          saveSettings(server.db, actor("lead@example.org"), {
            projectId,
            rev: current.rev,
            hidden: [...current.hidden, "asks"],
            measureOrder: current.measureOrder,
            summary: "Shown to the board in December.",
          }),
        ),
      );
    },

    "cqc.linkCqcAction": async () => {
      const action = one<{ id: number; programme_id: number }>("select id, programme_id from cqc_actions order by id limit 1");
      const linked = all<{ p: number }>("select project_id as p from cqc_action_projects where cqc_action_id = ?", action.id).map((r) => r.p);
      await activityJourney(() =>
        must(
          linkCqcAction(server.db, actor("admin@example.org"), {
            programmeId: action.programme_id,
            actionId: action.id,
            projectId,
            link: !linked.includes(projectId),
          }),
        ),
      );
    },

    "leaver.handOverWork": async () => {
      const leaver = one<{ user_id: number }>(
        "select user_id from project_team where project_id = ? and role = 'executive_lead' and ended_at is null",
        projectId,
      );
      const successor = one<{ id: number; name: string }>("select id, name from users where email = 'staff@example.org'");
      const { after } = await activityJourney(() =>
        must(
          handOverWork(server.db, actor("admin@example.org"), {
            userId: leaver.user_id,
            version: versionOf("users", leaver.user_id),
            successorId: successor.id,
            disable: false,
          }),
        ),
      );
      expect(after[0].text).toContain(successor.name);
    },

    "user.editPerson": async () => {
      const staff = one<{ id: number; email: string; job_title: string; division_id: number | null; version: number }>(
        "select id, email, job_title, division_id, version from users where email = 'staff@example.org'",
      );
      const name = "Sam Renamed-Staffer";
      const { after } = await around(lead, [page()], () =>
        must(
          editPerson(server.db, actor("admin@example.org"), {
            userId: staff.id,
            version: staff.version,
            name,
            email: staff.email,
            jobTitle: staff.job_title,
            divisionId: staff.division_id,
          }),
        ),
      );
      expect(after[0].text).toContain(name);
    },

    "personal-data.eraseUser": async () => {
      // A person who left, is off every team and disabled, but whose name the project's history shows.
      const staff = one<{ id: number; name: string }>("select id, name from users where email = 'staff@example.org'");
      for (const row of all<{ id: number; role: string; project_id: number }>(
        "select id, role, project_id from project_team where user_id = ? and ended_at is null",
        staff.id,
      )) {
        const admin = actor("admin@example.org");
        if (row.role === "member") must(removeTeamMember(server.db, admin, { projectId: row.project_id, teamRowId: row.id }));
        else must(assignTeamLead(server.db, admin, { projectId: row.project_id, role: row.role as "executive_lead", current: staff.id, userId: admin.id }));
      }
      server.db.$client.prepare("update users set disabled_at = ? where id = ?").run(Date.now(), staff.id);
      const { before: kept, after } = await around(lead, [page()], () => must(eraseUser(server.db, actor("admin@example.org"), { userId: staff.id })));
      // Gone from the team history and from who did what; the audit summaries written at the time keep their words.
      const count = (p: Page) => p.text.split(staff.name).length - 1;
      expect(count(kept[0])).toBeGreaterThan(0);
      expect(count(after[0])).toBeLessThan(count(kept[0]));
    },

    "charter.closeProject": async () => {
      const other = one<{ id: number; version: number }>("select id, version from projects where stage = 'active' and id != ? order by id limit 1", projectId);
      const { kept, after } = await activityJourney(
        () =>
          must(
            closeProject(server.db, actor("admin@example.org"), {
              projectId: other.id,
              version: other.version,
              aimAchieved: true,
              closureEvidence: "Falls fell by a third",
              closureAdopted: "Ward huddles",
              closureSustain: "Monthly audit",
              closureOwner: "Ward manager",
              closureLessons: "Start small, for the cache",
            }),
          ),
        { project: other.id },
      );
      expect(kept[0].text).not.toContain("Start small, for the cache");
      expect(after[0].text).toContain("Start small, for the cache");
    },

    "project-stage.decideStage": async () => {
      const other = one<{ id: number; version: number }>("select id, version from projects where stage = 'active' and id != ? order by id limit 1", projectId);
      const reason = "The ward is closing for refurbishment, for the cache";
      const { kept, after } = await activityJourney(
        () =>
          must(decideStage(server.db, actor("board@example.org"), { projectId: other.id, action: "stop", version: other.version, reason, assignments: [] })),
        { project: other.id, client: board, also: ["/board"] },
      );
      expect(kept[0].text).not.toContain(reason);
      expect(after[0].text).toContain(reason);
    },

    ...cohortJourneys(),
    ...driverJourneys(),
    ...meetingJourneys(),

    "project-import.importHistory": async () => {
      const p = one<{ reference: string | null }>("select reference from projects where id = ?", projectId);
      if (!p.reference) server.db.$client.prepare("update projects set reference = 'CACHE-1' where id = ?").run(projectId);
      const reference = p.reference ?? "CACHE-1";
      const progress = "Imported from the tracker, for the cache.";
      const { after } = await activityJourney(() =>
        must(
          importHistory(server.db, actor("admin@example.org"), {
            kind: "status-reports",
            fileName: "reports.csv",
            rows: [{ line: 2, reference, projectId, date: "2026-11-26", rag: "amber", ragReason: "Staffing", progress, nextSteps: "More", risks: "Winter" }],
          }),
        ),
      );
      expect(after[0].text).toMatch(/Latest status report Amber on 26 Nov/);
    },

    "win.dismissWin": async () => {
      const found = all<{ id: number }>("select id from projects order by id")
        .map((p) => ({ projectId: p.id, suggestion: suggestWins(getWinEvidence(server.db, p.id, TEST_TODAY)!)[0] }))
        .find((p) => p.suggestion);
      expect(found, "the demo portfolio has a suggested win").toBeDefined();
      await activityJourney(
        () =>
          must(
            dismissWin(server.db, actor("admin@example.org"), { projectId: found!.projectId, evidenceRef: found!.suggestion.evidenceRef, today: TEST_TODAY }),
          ),
        { project: found!.projectId },
      );
    },
  });
});

/** A project in a wave with a win: its team's mission, quick wins and stories are on its wave page, audited on the project. */
function cohortJourneys(): Record<string, () => Promise<void>> {
  const admin = () => actor("admin@example.org");
  const target = () =>
    one<{ id: number; win: number }>(
      "select p.id, (select min(w.id) from wins w where w.project_id = p.id) as win from projects p where p.wave_id is not null and exists (select 1 from wins w where w.project_id = p.id) order by p.id limit 1",
    );
  const story = (id: number) =>
    one<{ id: number; version: number }>("select id, version from outcome_stories where project_id = ? and deleted_at is null order by id desc limit 1", id);
  return {
    "cohort.saveMission": async () => {
      const t = target();
      const version = one<{ version: number } | undefined>("select version from team_missions where project_id = ?", t.id)?.version ?? 0;
      await activityJourney(() => must(saveMission(server.db, admin(), { projectId: t.id, version, mission: "Every patient seen on time, for the cache." })), {
        project: t.id,
      });
    },
    "cohort.addQuickWin": async () => {
      const t = target();
      server.db.$client.prepare("delete from team_quick_wins where project_id = ?").run(t.id);
      await activityJourney(() => must(addQuickWin(server.db, admin(), { projectId: t.id, winId: t.win })), { project: t.id });
    },
    "cohort.removeQuickWin": async () => {
      const t = target();
      await activityJourney(() => must(removeQuickWin(server.db, admin(), { projectId: t.id, winId: t.win })), { project: t.id });
    },
    "cohort.addStory": async () => {
      const t = target();
      await activityJourney(() => must(addStory(server.db, admin(), { projectId: t.id, title: "Home sooner", story: "Mrs B went home a day early." })), {
        project: t.id,
      });
    },
    "cohort.updateStory": async () => {
      const t = target();
      const s = story(t.id);
      await activityJourney(
        () =>
          must(
            updateStory(server.db, admin(), {
              projectId: t.id,
              storyId: s.id,
              version: s.version,
              title: "Home sooner still",
              story: "Mrs B went home two days early.",
            }),
          ),
        { project: t.id },
      );
    },
    "cohort.removeStory": async () => {
      const t = target();
      const s = story(t.id);
      await activityJourney(() => must(removeStory(server.db, admin(), { projectId: t.id, storyId: s.id, version: s.version })), { project: t.id });
    },
  };
}

/** The project with the biggest driver diagram: changes to it are audited on the project. */
function driverJourneys(): Record<string, () => Promise<void>> {
  const lead = () => actor("admin@example.org");
  const pid = () => one<{ p: number }>("select project_id as p from drivers where deleted_at is null group by project_id order by count(*) desc limit 1").p;
  const drivers = (level: string) =>
    all<{ id: number; version: number }>(
      "select id, version from drivers where project_id = ? and level = ? and deleted_at is null order by position, id",
      pid(),
      level,
    );
  /** An idea linked to one secondary driver, and a secondary driver it is not linked to. */
  const ideaAndDrivers = () => {
    const links = all<{ idea: number; driver: number }>(
      "select l.change_idea_id as idea, l.driver_id as driver from change_idea_drivers l join drivers d on d.id = l.driver_id where d.project_id = ? and d.level = 'secondary' and d.deleted_at is null order by l.change_idea_id",
      pid(),
    );
    const secondaries = drivers("secondary").map((d) => d.id);
    for (const { idea, driver } of links) {
      const linked = links.filter((l) => l.idea === idea).map((l) => l.driver);
      const free = secondaries.find((d) => !linked.includes(d));
      if (linked.length === 1 && free) return { idea, from: driver, to: free, version: versionOf("change_ideas", idea) };
    }
    throw new Error("no idea linked to exactly one secondary driver");
  };
  return {
    "driver.reorderNode": async () => {
      const [, second] = drivers("primary");
      await activityJourney(
        () => must(reorderNode(server.db, lead(), { projectId: pid(), kind: "driver", id: second.id, version: second.version, direction: "up" })),
        {
          project: pid(),
        },
      );
    },
    "driver.linkNode": async () => {
      const { idea, to, version } = ideaAndDrivers();
      await activityJourney(() => must(linkNode(server.db, lead(), { projectId: pid(), kind: "idea", id: idea, version, parentId: to })), { project: pid() });
      must(unlinkNode(server.db, lead(), { projectId: pid(), kind: "idea", id: idea, version: versionOf("change_ideas", idea), parentId: to }));
    },
    "driver.unlinkNode": async () => {
      const { idea, to, version } = ideaAndDrivers();
      must(linkNode(server.db, lead(), { projectId: pid(), kind: "idea", id: idea, version, parentId: to }));
      await activityJourney(
        () => must(unlinkNode(server.db, lead(), { projectId: pid(), kind: "idea", id: idea, version: versionOf("change_ideas", idea), parentId: to })),
        {
          project: pid(),
        },
      );
    },
    "driver.moveNode": async () => {
      const { idea, from, to, version } = ideaAndDrivers();
      await activityJourney(() => must(moveNode(server.db, lead(), { projectId: pid(), kind: "idea", id: idea, version, parentId: to, fromId: from })), {
        project: pid(),
      });
    },
    "driver.rateIdea": async () => {
      const idea = one<{ id: number }>("select id from change_ideas where project_id = ? order by id limit 1", pid()).id;
      await activityJourney(() => must(rateIdea(server.db, lead(), { projectId: pid(), ideaId: idea, impact: "high", ease: "easy", reason: "Kit arrived" })), {
        project: pid(),
      });
    },
    "driver.attachMeasure": async () => {
      const [first] = drivers("primary");
      const measure = one<{ id: number }>("select id from measures where project_id = ? and deleted_at is null order by id limit 1", pid()).id;
      const attached = one<{ n: number }>("select count(*) as n from driver_measures where driver_id = ? and measure_id = ?", first.id, measure).n > 0;
      await activityJourney(
        () => must(attachMeasure(server.db, lead(), { projectId: pid(), driverId: first.id, version: first.version, measureId: measure, attach: !attached })),
        { project: pid() },
      );
    },
    "spread.setReadyToSpread": async () => {
      const idea = one<{ id: number; version: number }>("select id, version from change_ideas where project_id = ? order by id limit 1", pid());
      await activityJourney(
        () => must(setReadyToSpread(server.db, lead(), { projectId: pid(), ideaId: idea.id, version: idea.version, summary: "Copy the card" })),
        {
          project: pid(),
        },
      );
    },
  };
}

/** An open meeting: its agenda's changes and reviews are audited on each project. */
function meetingJourneys(): Record<string, () => Promise<void>> {
  const board = () => actor("board@example.org");
  const meeting = () =>
    one<{ id: number; programme_id: number; version: number }>(
      "select id, programme_id, version from meetings where closed_at is null and exists (select 1 from meeting_items i where i.meeting_id = meetings.id) order by id limit 1",
    );
  const ref = () => {
    const m = meeting();
    return { programmeId: m.programme_id, meetingId: m.id, version: m.version };
  };
  const items = () => all<{ id: number; project_id: number }>("select id, project_id from meeting_items where meeting_id = ? order by position", meeting().id);
  let added = 0;
  return {
    "meeting.addAgendaItem": async () => {
      const on = items().map((i) => i.project_id);
      added = one<{ id: number }>(`select id from projects where stage = 'active' and id not in (${on.join(",") || "0"}) order by id limit 1`).id;
      await activityJourney(() => must(addAgendaItem(server.db, board(), { ...ref(), projectId: added })), { project: added });
    },
    "meeting.moveAgendaItem": async () => {
      const item = items().find((i) => i.project_id === added)!;
      await activityJourney(() => must(moveAgendaItem(server.db, board(), { ...ref(), itemId: item.id, direction: "up" })), { project: added });
    },
    "meeting.removeAgendaItem": async () => {
      const item = items().find((i) => i.project_id === added)!;
      await activityJourney(() => must(removeAgendaItem(server.db, board(), { ...ref(), itemId: item.id })), { project: added });
    },
    "meeting.recordItemReview": async () => {
      const item = items()[0];
      await activityJourney(() => must(recordItemReview(server.db, board(), { ...ref(), itemId: item.id, decision: "continue" })), {
        project: item.project_id,
      });
    },
  };
}
