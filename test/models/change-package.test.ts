// The change package's single query agrees with the diagram's own evidence (status, cycles, learning,
// PICK, drivers) for every change idea of the demo, and its filters, sorts and paging do what they say.
import { describe, expect, it } from "vitest";
import { eq, isNull, and } from "drizzle-orm";
import { changeIdeas, projects, themes } from "../../db/schema";
import { listChangePackage } from "~/models/change-package.server";
import { getDiagram } from "~/models/driver.server";
import { seededDb } from "./../helpers/command-fixture";

const { db, programmeId } = seededDb();

describe("the change package", () => {
  const all = listChangePackage(db, programmeId, {}).rows;

  it("lists every change idea not removed, each with the evidence its diagram shows", () => {
    const live = db
      .select({ id: changeIdeas.id })
      .from(changeIdeas)
      .innerJoin(projects, eq(projects.id, changeIdeas.projectId))
      .where(and(isNull(changeIdeas.deletedAt), eq(projects.programmeId, programmeId)))
      .all();
    expect(live.length).toBeGreaterThan(10);
    expect(all.map((r) => r.id).sort((a, b) => a - b)).toEqual(live.map((r) => r.id).sort((a, b) => a - b));
    const projectIds = [...new Set(all.map((r) => r.projectId))];
    for (const projectId of projectIds) {
      const diagram = getDiagram(db, projectId);
      const titles = new Map([...diagram.primaries, ...diagram.secondaries].map((d) => [d.id, d.title]));
      for (const idea of diagram.ideas) {
        const row = all.find((r) => r.id === idea.id)!;
        expect(row, idea.title).toMatchObject({ status: idea.status, cycles: idea.cycles, learning: idea.learning, pick: idea.pick });
        expect([...row.drivers].sort()).toEqual(idea.driverIds.map((d) => titles.get(d)!).sort());
      }
    }
    expect(all.some((r) => r.status === "adopted")).toBe(true);
    expect(all.some((r) => r.drivers.length > 0)).toBe(true);
    expect(all.some((r) => r.pick !== null)).toBe(true);
  });

  it("filters by theme, status and PICK category", () => {
    const theme = db
      .select({ id: themes.id })
      .from(themes)
      .innerJoin(projects, eq(projects.themeId, themes.id))
      .innerJoin(changeIdeas, eq(changeIdeas.projectId, projects.id))
      .get()!;
    const byTheme = listChangePackage(db, programmeId, { filters: { themeId: theme.id } }).rows;
    expect(byTheme.length).toBeGreaterThan(0);
    expect(byTheme.length).toBeLessThan(all.length);
    const themeName = byTheme[0].themeName;
    expect(byTheme.every((r) => r.themeName === themeName)).toBe(true);
    const adopted = listChangePackage(db, programmeId, { filters: { status: "adopted" } }).rows;
    expect(adopted.length).toBe(all.filter((r) => r.status === "adopted").length);
    expect(adopted.every((r) => r.status === "adopted")).toBe(true);
    const unrated = listChangePackage(db, programmeId, { filters: { pick: "none" } }).rows;
    expect(unrated.length).toBe(all.filter((r) => r.pick === null).length);
    const implement = listChangePackage(db, programmeId, { filters: { pick: "implement" } }).rows;
    expect(implement.every((r) => r.pick === "implement")).toBe(true);
  });

  it("sorts and pages", () => {
    const byCycles = listChangePackage(db, programmeId, { sort: "cycles" }).rows.map((r) => r.cycles);
    expect(byCycles).toEqual([...byCycles].sort((a, b) => b - a));
    const byActivity = listChangePackage(db, programmeId, { sort: "activity" }).rows.map((r) => r.latestActivity);
    expect(byActivity).toEqual([...byActivity].sort().reverse());
    const byProject = listChangePackage(db, programmeId, { sort: "project" }).rows.map((r) => r.projectTitle.toLowerCase());
    expect(byProject).toEqual([...byProject].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    const page2 = listChangePackage(db, programmeId, { sort: "activity", page: 2, pageSize: 5 });
    expect(page2.total).toBe(all.length);
    expect(page2.rows.map((r) => r.id)).toEqual(
      listChangePackage(db, programmeId, { sort: "activity" })
        .rows.slice(5, 10)
        .map((r) => r.id),
    );
  });
});
