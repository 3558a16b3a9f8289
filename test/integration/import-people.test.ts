// Importing people from the HR spreadsheet: a preview with line-numbered problems, nothing saved until confirmed,
// re-import updates by email, Excel as well as CSV, 1,000 rows in one go.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { auditEvents, divisions, users } from "../../db/schema";
import { readPage } from "../helpers/html";
import { startEmptyTrust } from "../helpers/empty-trust";
import type { Client, TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  ({ server, admin } = await startEmptyTrust());
  await admin.post("/admin/programme", { intent: "division-add", name: "Medicine" });
  await admin.post("/admin/programme", { intent: "division-add", name: "Surgery" });
});
afterAll(async () => {
  await server?.close();
});

async function upload(file: File) {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", file);
  const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return fetch(`${server.url}/admin/import/people`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie } });
}
const csv = (text: string, name = "hr-export.csv") => new File([text], name, { type: "text/csv" });
const peopleCount = () =>
  server.db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .get()!.n;

async function confirm(previewPage: Awaited<ReturnType<typeof readPage>>) {
  const hidden = previewPage.hiddenFields('form:has(input[value="confirm"])');
  return admin.post("/admin/import/people", hidden);
}

describe("importing people", () => {
  it("links the template, which has the header and an example row", async () => {
    const page = await readPage(await admin.get("/admin/import/people"));
    expect(page.hrefs()).toContain("/admin/import/people-template.csv");
    const template = await admin.get("/admin/import/people-template.csv");
    expect(template.headers.get("content-disposition")).toContain("attachment");
    const lines = (await template.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines).toEqual(["Name,Email,Job title,Role,Division", 'Asha Patel,asha.patel@trust.nhs.uk,"Ward Manager, Ward 7",staff,Medicine']);
  });

  it("lists every kind of problem by line and saves nothing", async () => {
    const before = peopleCount();
    const res = await upload(
      csv(
        [
          "Name,Email,Job title,Role,Division",
          "Ann Ok,ann@trust.example,Nurse,staff,Medicine",
          "Bad Email,not-an-email,Nurse,staff,Medicine",
          "Bad Role,badrole@trust.example,Nurse,chief,Medicine",
          "Bad Division,baddiv@trust.example,Nurse,staff,Cardiology",
          "Ann Again,ANN@trust.example,Nurse,staff,Surgery",
          ",noname@trust.example,Nurse,staff,",
        ].join("\n"),
      ),
    );
    expect(res.status).toBe(400);
    const page = await readPage(res);
    expect(page.errorSummary()).toEqual([
      'Line 3: "not-an-email" is not an email address',
      'Line 4: "chief" is not a role: use admin, board, staff or viewer',
      'Line 5: "Cardiology" is not a division: add it under Programme set-up first, or correct the name',
      "Line 6: The email address ann@trust.example is also on line 2",
      "Line 7: Enter the person's name",
    ]);
    expect(peopleCount()).toBe(before);
  });

  it("refuses a file that is not CSV or Excel, and one without the header", async () => {
    const wrong = await upload(new File(["x"], "people.pdf"));
    expect(wrong.status).toBe(400);
    expect((await readPage(wrong)).errorSummary()).toEqual(["people.pdf is not a CSV or Excel (.xlsx) file"]);
    const noHeader = await upload(csv("Ann,ann@trust.example\n"));
    expect((await readPage(noHeader)).errorSummary()[0]).toContain("Line 1: The header row must name the columns Name and Email");
  });

  it("previews without saving, then imports on confirmation; a re-import updates people matched by email", async () => {
    const before = peopleCount();
    const first = await upload(
      csv("Name,Email,Job title,Role,Division\nAnn Ok,ann@trust.example,Nurse,staff,Medicine\nBen Board,ben@trust.example,Director,board,\n"),
    );
    expect(first.status).toBe(200);
    const preview = await readPage(first);
    expect(preview.text).toContain("2 to add, 0 to update, 0 unchanged. Nothing is saved until you confirm.");
    expect(peopleCount()).toBe(before);
    const done = await readPage(await confirm(preview));
    expect(done.text).toContain("Imported hr-export.csv: 2 added, 0 updated, 0 unchanged.");
    const ann = server.db.select().from(users).where(eq(users.email, "ann@trust.example")).get()!;
    const medicine = server.db.select().from(divisions).where(eq(divisions.name, "Medicine")).get()!;
    expect(ann).toMatchObject({ name: "Ann Ok", jobTitle: "Nurse", role: "staff", divisionId: medicine.id, passwordHash: null });
    expect(
      server.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.entityId, ann.id))
        .all()
        .map((e) => e.summary),
    ).toContain("Imported ann@trust.example (Staff) from hr-export.csv");

    const again = await readPage(
      await upload(
        csv("Name,Email,Job title,Role,Division\nAnn Okafor,ANN@trust.example,Ward Sister,staff,Surgery\nBen Board,ben@trust.example,Director,board,\n"),
      ),
    );
    expect(again.text).toContain("0 to add, 1 to update, 1 unchanged.");
    expect(again.text).toContain("Will change name to Ann Okafor, job title to Ward Sister, division to Surgery");
    await confirm(again);
    expect(peopleCount()).toBe(before + 2);
    expect(server.db.select().from(users).where(eq(users.id, ann.id)).get()).toMatchObject({ name: "Ann Okafor", jobTitle: "Ward Sister" });
  });

  it("reads the first sheet of an Excel workbook, email addresses as links included", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("HR");
    sheet.addRow(["Name", "Email", "Job title", "Role", "Division"]);
    sheet.addRow(["Cara Excel", { text: "cara@trust.example", hyperlink: "mailto:cara@trust.example" }, "Physio", "Viewer", "Surgery"]);
    const bytes = await workbook.xlsx.writeBuffer();
    const res = await upload(new File([bytes], "hr.xlsx"));
    expect(res.status).toBe(200);
    const page = await readPage(res);
    expect(page.tableRows().map((r) => r.slice(1, 6))).toEqual([["Cara Excel", "cara@trust.example", "Physio", "Viewer", "Surgery"]]);
  });

  it("takes 1,000 people in one go, and refuses 1,001", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `Person ${i},person${i}@trust.example,Staff nurse,staff,Medicine`);
    const before = peopleCount();
    const preview = await readPage(await upload(csv(["Name,Email,Job title,Role,Division", ...rows].join("\n"))));
    expect(preview.text).toContain("1000 to add");
    const done = await readPage(await confirm(preview));
    expect(done.text).toContain("1000 added");
    expect(peopleCount()).toBe(before + 1000);
    const tooMany = await upload(csv(["Name,Email", ...Array.from({ length: 1001 }, (_, i) => `P ${i},p${i}@t.example`)].join("\n")));
    expect((await readPage(tooMany)).errorSummary()).toEqual(["Line 2: The file has 1001 people: import at most 1000 at a time"]);
  });
});
