// The demo's driver diagrams: at least 8 projects have one, every tested change idea hangs from a
// secondary driver under a primary, and the measures on drivers are the project's own process measures.
import { describe, expect, it } from "vitest";
import { workbook } from "../models/workbook-fixture";

describe("demo driver diagrams", () => {
  const w = workbook();
  const projects = w.all<{ id: number }>("select distinct project_id as id from drivers where deleted_at is null");

  it("at least 8 projects have a diagram", () => {
    expect(projects.length).toBeGreaterThanOrEqual(8);
  });

  it("every change idea of those projects that PDSA cycles test is under a secondary driver that is under a primary", () => {
    expect(projects.length).toBeGreaterThan(0);
    for (const { id } of projects) {
      const ideas = w.all<{ id: number }>("select distinct change_idea_id as id from pdsa_cycles where project_id = ? and deleted_at is null", id);
      expect(ideas.length).toBeGreaterThan(0);
      for (const idea of ideas) {
        const chain = w.one<{ n: number }>(
          `select count(*) as n from change_idea_drivers cd
             join drivers s on s.id = cd.driver_id and s.level = 'secondary' and s.project_id = ?
             join driver_links l on l.secondary_id = s.id
             join drivers p on p.id = l.primary_id and p.level = 'primary' and p.project_id = ?
            where cd.change_idea_id = ?`,
          id,
          id,
          idea.id,
        );
        expect(chain.n).toBeGreaterThan(0);
      }
    }
  });

  it("measures on drivers are the same project's process measures", () => {
    const rows = w.all<{ type: string; same: number }>(
      "select m.type, m.project_id = d.project_id as same from driver_measures dm join drivers d on d.id = dm.driver_id join measures m on m.id = dm.measure_id",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toEqual({ type: "process", same: 1 });
  });
});
