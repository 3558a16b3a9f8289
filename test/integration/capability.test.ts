// /capability and /capability/levels over HTTP without JavaScript: every form, its refusals and its 409s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { auditEvents, projectTeam, projects, trainingLevels, trainingRecords, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
let board: Client;
let viewer: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = new Client(server.url);
  await admin.signIn("admin@example.org");
  board = new Client(server.url);
  await board.signIn("board@example.org");
  viewer = new Client(server.url);
  await viewer.signIn("viewer@example.org");
});
afterAll(async () => {
  await server?.close();
});

const idOf = (email: string) => server.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const levels = () => server.db.select().from(trainingLevels).orderBy(trainingLevels.position).all();
const liveRecords = () => server.db.select().from(trainingRecords).where(isNull(trainingRecords.removedAt)).all();
const auditCount = () => server.db.select().from(auditEvents).all().length;
const day = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return { "achievedOn.day": String(Number(d)), "achievedOn.month": String(Number(m)), "achievedOn.year": y };
};

describe("recording training", () => {
  it("shows the figures to everyone, and the form only to the board and admins", async () => {
    const page = await readPage(await viewer.get("/capability"));
    expect(page.text).toContain("People by their current level");
    expect(page.text).toContain("Teams' share of trained members");
    expect(page.text).toContain("People trained per division over time");
    expect(page.text).not.toContain("Record a training level");
    expect(page.tableRowsCaptioned("People by their current level").length).toBe(4);
    const res = await viewer.post("/capability", {
      intent: "record",
      userId: String(idOf("viewer@example.org")),
      levelId: String(levels()[0].id),
      ...day("2026-01-05"),
    });
    expect(res.status).toBe(403);
    expect((await readPage(await board.get("/capability"))).text).toContain("Record a training level");
  });

  it("records a level posted without JavaScript, and refuses the same level again with 409", async () => {
    const userId = idOf("viewer@example.org");
    const levelId = levels()[1].id;
    const res = await board.post("/capability", { intent: "record", userId: String(userId), levelId: String(levelId), ...day("2026-01-05") });
    expect(res.status).toBe(302);
    expect(liveRecords().filter((r) => r.userId === userId)).toMatchObject([{ levelId, achievedOn: "2026-01-05" }]);
    const page = await readPage(await board.get("/capability?done=recorded"));
    expect(page.text).toContain("The training level was recorded.");
    expect(page.text).toContain("Vic Viewer");
    const before = [liveRecords().length, auditCount()];
    const again = await board.post("/capability", { intent: "record", userId: String(userId), levelId: String(levelId), ...day("2026-01-09") });
    expect(again.status).toBe(409);
    expect((await readPage(again)).errorSummary()).toEqual(["This person already has this level recorded. Remove that record first to give another date"]);
    expect([liveRecords().length, auditCount()]).toEqual(before);
  });

  it("refuses a missing person, a bad date, a future date and a retired or unknown level, changing nothing", async () => {
    const before = [liveRecords().length, auditCount()];
    const userId = String(idOf("staff@example.org"));
    const levelId = String(levels()[0].id);
    const post = (form: Record<string, string>) => board.post("/capability", { intent: "record", ...form });
    const cases: [Record<string, string>, string][] = [
      [{ userId: "", levelId, ...day("2026-01-05") }, "Choose the person"],
      [{ userId, levelId: "", ...day("2026-01-05") }, "Choose the training level"],
      [{ userId, levelId, "achievedOn.day": "31", "achievedOn.month": "2", "achievedOn.year": "2026" }, "Date achieved must be a real date"],
      [{ userId, levelId, "achievedOn.day": "3", "achievedOn.month": "2" }, "Date achieved must include a year"],
      [{ userId, levelId, ...day("2026-12-25") }, "The date achieved must be today or in the past"],
      [{ userId: "99999", levelId, ...day("2026-01-05") }, "Choose a person from the list of people in Stepping Up"],
      [{ userId, levelId: "99999", ...day("2026-01-05") }, "Choose a training level from the list"],
    ];
    expect(TEST_TODAY < "2026-12-25").toBe(true);
    for (const [form, message] of cases) {
      const res = await post(form);
      expect(res.status, message).toBe(400);
      expect((await readPage(res)).errorSummary(), message).toEqual([message]);
    }
    expect((await board.post("/capability", { intent: "record", userId, levelId, ...day("2026-01-05"), extra: "x" })).status).toBe(400);
    expect([liveRecords().length, auditCount()]).toEqual(before);
  });

  it("removes a record after confirming, once (a second removal is 409)", async () => {
    const record = liveRecords().find((r) => r.userId === idOf("viewer@example.org"))!;
    const confirm = await readPage(await board.get(`/capability?remove=${record.id}`));
    expect(confirm.text).toContain("Remove this record?");
    const res = await board.post("/capability", { intent: "remove-record", recordId: String(record.id) });
    expect(res.status).toBe(302);
    expect(liveRecords().some((r) => r.id === record.id)).toBe(false);
    const again = await board.post("/capability", { intent: "remove-record", recordId: String(record.id) });
    expect(again.status).toBe(409);
    expect((await readPage(again)).text).toContain("This training record has already been removed");
  });

  it("downloads the records as CSV", async () => {
    const res = await viewer.get("/capability.csv");
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Person,Training level,Date achieved");
    expect(lines.length - 1).toBe(liveRecords().length);
  });

  it("shows a team's trained share on its team page, as hand-counted from the database", async () => {
    const project = server.db.select().from(projects).where(eq(projects.stage, "active")).get()!;
    const team = [
      ...new Set(
        server.db
          .select({ userId: projectTeam.userId })
          .from(projectTeam)
          .where(and(eq(projectTeam.projectId, project.id), isNull(projectTeam.endedAt)))
          .all()
          .map((r) => r.userId),
      ),
    ];
    expect(team.length).toBeGreaterThan(0);
    const trained = new Set(liveRecords().map((r) => r.userId));
    const count = team.filter((u) => trained.has(u)).length;
    const page = await readPage(await admin.get(`/projects/${project.id}/team`));
    expect(page.text).toContain(`Trained in QI: ${count} of ${team.length} (${Math.round((100 * count) / team.length)}%) of the team.`);
  });

  it("shows the engagement figures on the board", async () => {
    const page = await readPage(await viewer.get("/board"));
    expect(page.text).toContain("People involved in projects:");
    expect(page.text).toContain("PDSA cycles per involved person in the last 12 weeks:");
    expect(page.tableRowsCaptioned("People involved in projects, by division").length).toBeGreaterThan(0);
  });
});

describe("training levels", () => {
  it("are for admins only", async () => {
    expect((await board.get("/capability/levels")).status).toBe(403);
    expect((await board.post("/capability/levels", { intent: "add-level", name: "Gold" })).status).toBe(403);
  });

  it("an admin adds a level; an empty or taken name is refused without a change", async () => {
    const before = [levels().length, auditCount()];
    const empty = await admin.post("/capability/levels", { intent: "add-level", name: "  " });
    expect(empty.status).toBe(400);
    expect((await readPage(empty)).errorSummary()).toEqual(["Enter the level's name"]);
    const taken = await admin.post("/capability/levels", { intent: "add-level", name: "qi sponsor" });
    expect(taken.status).toBe(400);
    expect((await readPage(taken)).errorSummary()).toEqual(["There is already a training level with this name"]);
    expect([levels().length, auditCount()]).toEqual(before);
    const ok = await admin.post("/capability/levels", { intent: "add-level", name: "Gold" });
    expect(ok.status).toBe(200);
    expect(levels().at(-1)?.name).toBe("Gold");
  });

  it("renames, moves and retires with the version read; a stale version is a 409 that changes nothing", async () => {
    const gold = levels().find((l) => l.name === "Gold")!;
    const rename = await admin.post("/capability/levels", {
      intent: "rename-level",
      levelId: String(gold.id),
      version: String(gold.version),
      name: "Gold award",
    });
    expect(rename.status).toBe(200);
    const before = [JSON.stringify(levels()), auditCount()];
    const stale = await admin.post("/capability/levels", { intent: "rename-level", levelId: String(gold.id), version: String(gold.version), name: "Platinum" });
    expect(stale.status).toBe(409);
    expect((await readPage(stale)).conflict()?.fields.map((f) => f.field)).toEqual(["Name"]);
    const staleRetire = await admin.post("/capability/levels", { intent: "retire-level", levelId: String(gold.id), version: String(gold.version) });
    expect(staleRetire.status).toBe(409);
    expect([JSON.stringify(levels()), auditCount()]).toEqual(before);
    const current = levels().find((l) => l.id === gold.id)!;
    const moved = await admin.post("/capability/levels", { intent: "move-level", levelId: String(gold.id), version: String(current.version), direction: "up" });
    expect(moved.status).toBe(200);
    expect(
      levels()
        .map((l) => l.name)
        .slice(-2),
    ).toEqual(["Gold award", "QI sponsor"]);
    const bad = await admin.post("/capability/levels", {
      intent: "move-level",
      levelId: String(gold.id),
      version: String(current.version + 1),
      direction: "sideways",
    });
    expect(bad.status).toBe(400);
    const retired = await admin.post("/capability/levels", { intent: "retire-level", levelId: String(gold.id), version: String(current.version + 1) });
    expect(retired.status).toBe(200);
    const page = await readPage(await admin.get("/capability/levels"));
    expect(page.text).toContain("Gold award (retired)");
    // A retired level is not offered for new records.
    const form = await readPage(await admin.get("/capability"));
    expect(form.findAll("#record-training-levelId option, select[name=levelId] option").map((o) => o.text)).not.toContain("Gold award");
  });
});
