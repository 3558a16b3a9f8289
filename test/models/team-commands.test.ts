// Team changes: one "project.team_changed" audit row each; a stale page or a broken rule writes nothing.
import { describe, expect, it } from "vitest";
import { addTeamMember, assignTeamLead, removeTeamMember, vacateTeamLead } from "~/models/team-commands.server";
import { currentLead, listCurrentTeam } from "~/models/team-edit.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const projectId = w.one<{ id: number }>("select id from projects where stage = 'active' order by id").id;
  const team = listCurrentTeam(w.db, projectId);
  const outsider = w.one<{ id: number }>(
    "select id from users where role != 'viewer' and disabled_at is null and id not in (select user_id from project_team where project_id = ? and ended_at is null) order by id",
    projectId,
  ).id;
  const lead = currentLead(w.db, projectId, "project_lead");
  const executive = currentLead(w.db, projectId, "executive_lead")?.userId ?? ("" as const);
  const changes = () => w.audits("project.team_changed").length;
  return { ...w, projectId, team, outsider, current: lead?.userId ?? ("" as const), executive, changes };
}

describe("team commands", () => {
  it("assigns a lead, adds and removes a member, each with one audit row", () => {
    const w = setup();
    const base = w.changes();
    expect(
      assignTeamLead(w.db, w.actor, {
        projectId: w.projectId,
        role: "project_lead",
        current: w.current,
        userId: w.outsider,
      }).ok,
    ).toBe(true);
    expect(currentLead(w.db, w.projectId, "project_lead")?.userId).toBe(w.outsider);
    expect(w.changes()).toBe(base + 1);
    const member = w.one<{ id: number }>(
      "select id from users where role != 'viewer' and disabled_at is null and id not in (select user_id from project_team where project_id = ? and ended_at is null) order by id",
      w.projectId,
    ).id;
    const added = addTeamMember(w.db, w.actor, {
      projectId: w.projectId,
      userId: member,
      formToken: "token-team-member-1",
      location: "/team",
    });
    expect(added).toMatchObject({ ok: true, value: { replayed: false } });
    const replay = addTeamMember(w.db, w.actor, {
      projectId: w.projectId,
      userId: member,
      formToken: "token-team-member-1",
      location: "/team",
    });
    expect(replay).toEqual({ ok: true, value: { replayed: true, location: "/team" } });
    expect(w.changes()).toBe(base + 2);
    const row = listCurrentTeam(w.db, w.projectId).find((r) => r.userId === member && r.role === "member")!;
    expect(removeTeamMember(w.db, w.actor, { projectId: w.projectId, teamRowId: row.id }).ok).toBe(true);
    expect(w.audits("project.team_changed").at(-1)!.summary).toMatch(/^Removed .* from the team$/);
  });

  it.each([
    [
      "a lead changed since the page was read",
      409,
      (w: ReturnType<typeof setup>) =>
        assignTeamLead(w.db, w.actor, {
          projectId: w.projectId,
          role: "project_lead",
          current: w.outsider,
          userId: w.outsider,
        }),
    ],
    [
      "a required lead standing down on an active project",
      400,
      (w: ReturnType<typeof setup>) => vacateTeamLead(w.db, w.actor, { projectId: w.projectId, role: "executive_lead", current: w.executive }),
    ],
    [
      "someone already on the team",
      400,
      (w: ReturnType<typeof setup>) =>
        addTeamMember(w.db, w.actor, {
          projectId: w.projectId,
          userId: w.team.find((r) => r.role === "member")!.userId,
          location: "/team",
        }),
    ],
  ] as const)("%s: refused, nothing written", (_name, status, run) => {
    const w = setup();
    const before = [w.count("project_team"), w.count("audit_events")];
    expect(run(w)).toMatchObject({ ok: false, status });
    expect([w.count("project_team"), w.count("audit_events")]).toEqual(before);
  });
});
