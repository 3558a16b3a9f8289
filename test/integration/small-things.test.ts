// Small things a trust saw on day one: a wave's name that repeats its number, the meeting title that said
// "programme" twice, a stack trace per /favicon.ico, and "password123" accepted.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { programmes, users, waves } from "../../db/schema";
import { readPage } from "../helpers/html";
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await Client.signedIn(server.url, "admin@example.org");
});
afterAll(async () => {
  await server?.close();
});

describe("small things", () => {
  it("answers /favicon.ico with a 404 and writes nothing to the log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await new Client(server.url).get("/favicon.ico");
      expect(res.status).toBe(404);
      expect((await admin.get("/no-such-page")).status).toBe(404);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("never says a wave's number twice", async () => {
    const wave = server.db.select().from(waves).orderBy(waves.number).limit(1).get()!;
    server.db
      .update(waves)
      .set({ name: `Wave ${wave.number}: Spring 2027` })
      .where(eq(waves.id, wave.id))
      .run();
    for (const path of ["/waves", `/waves/${wave.id}`, "/admin/programme", "/learning"]) {
      const page = await readPage(await admin.get(path));
      expect(page.text).toContain(`Wave ${wave.number}: Spring 2027`);
      expect(page.text).not.toContain(`Wave ${wave.number}: Wave ${wave.number}`);
    }
  });

  it("titles a new meeting '… Programme board', not '… Programme programme board'", async () => {
    server.db.update(programmes).set({ name: "Quality Improvement Programme" }).run();
    const page = await readPage(await admin.get("/meetings/new"));
    expect(page.fieldValue("title")).toBe("Quality Improvement Programme board");
  });

  it("refuses password123 and its cousins as a new password, changing nothing", async () => {
    const staff = await Client.signedIn(server.url, "staff@example.org");
    const before = server.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, "staff@example.org")).get()!.h;
    for (const weak of ["password123", "Password123!", "Welcome2026!"]) {
      const res = await staff.post("/account/password", { currentPassword: DEMO_PASSWORD, newPassword: weak, confirmPassword: weak });
      expect(res.status).toBe(400);
      expect((await readPage(res)).errorSummary()).toContain("This password is too common: choose one that is harder to guess");
    }
    expect(server.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, "staff@example.org")).get()!.h).toBe(before);
  });
});
