// Raising and answering asks: one audit row per write, nothing kept from a refusal or a conflict.
import { describe, expect, it } from "vitest";
import { answerAsk, raiseAsk } from "~/models/ask-commands.server";
import { workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const project = w.one<{ id: number }>("select id from projects where stage = 'active' order by id");
  const openAsk = w.one<{ id: number; version: number }>("select id, version from asks where state = 'open' order by id");
  return { ...w, projectId: project.id, openAsk };
}

describe("raiseAsk", () => {
  it("writes the ask and its audit row once, even when the form is sent twice", () => {
    const w = setup();
    const before = w.count("asks");
    const input = {
      projectId: w.projectId,
      what: "Two more porters on Fridays",
      addressee: "board" as const,
      addresseeUserId: null,
      dueOn: null,
      formToken: "token-raise-ask-0001",
      locate: (id: number) => `/asks/${id}`,
    };
    const first = raiseAsk(w.db, w.actor, input);
    const again = raiseAsk(w.db, w.actor, input);
    expect(first.ok && again.ok && again.value.location === first.value.location).toBe(true);
    expect(w.count("asks")).toBe(before + 1);
    expect(w.audits("ask.created").at(-1)).toMatchObject({
      summary: 'Raised an ask: "Two more porters on Fridays"',
      ip: "192.0.2.1",
    });
  });

  it("refuses an addressee who cannot be asked, writing nothing", () => {
    const w = setup();
    const before = [w.count("asks"), w.count("audit_events")];
    const viewer = w.one<{ id: number }>("select id from users where role = 'viewer'");
    const input = {
      projectId: w.projectId,
      what: "x",
      addressee: "person" as const,
      addresseeUserId: viewer.id,
      dueOn: null,
      locate: String,
    };
    expect(raiseAsk(w.db, w.actor, input)).toMatchObject({ ok: false, refused: "Choose a person from the list" });
    expect([w.count("asks"), w.count("audit_events")]).toEqual(before);
  });
});

describe("answerAsk", () => {
  it.each([
    ["accepted", true, "Accepted the ask"],
    ["declined", true, "Declined the ask"],
  ] as const)("%s: writes the answer and one audit row", (outcome, ok, summary) => {
    const w = setup();
    const result = answerAsk(w.db, w.actor, {
      askId: w.openAsk.id,
      version: w.openAsk.version,
      outcome,
      response: "Done",
    });
    expect(result.ok).toBe(ok);
    expect(w.one("select state, version from asks where id = ?", w.openAsk.id)).toEqual({
      state: outcome,
      version: w.openAsk.version + 1,
    });
    const audits = w.audits("ask.answered");
    expect(audits.at(-1)).toMatchObject({ entity_id: w.openAsk.id, user_id: w.actor.id });
    expect(audits.at(-1)!.summary.startsWith(summary)).toBe(true);
  });

  it("returns a conflict with the current version and writes nothing when the version is stale", () => {
    const w = setup();
    const before = w.count("audit_events");
    const result = answerAsk(w.db, w.actor, {
      askId: w.openAsk.id,
      version: w.openAsk.version - 1,
      outcome: "accepted",
      response: "Yes",
    });
    expect(result).toMatchObject({ ok: false, conflict: { currentVersion: w.openAsk.version } });
    expect(w.one("select state from asks where id = ?", w.openAsk.id)).toEqual({ state: "open" });
    expect(w.count("audit_events")).toBe(before);
  });

  it("refuses an answer the ask's state does not allow, writing nothing", () => {
    const w = setup();
    const done = w.one<{ id: number; version: number }>("select id, version from asks where state in ('resolved', 'declined') order by id");
    const before = w.count("audit_events");
    const result = answerAsk(w.db, w.actor, {
      askId: done.id,
      version: done.version,
      outcome: "accepted",
      response: "Yes",
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(w.one("select version from asks where id = ?", done.id)).toEqual({ version: done.version });
    expect(w.count("audit_events")).toBe(before);
  });
});
