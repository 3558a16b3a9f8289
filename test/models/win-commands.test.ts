// Wins: recorded once per form token; a suggestion is confirmed or dismissed once, audited once.
import { describe, expect, it } from "vitest";
import { ALREADY_HANDLED, confirmWin, dismissWin, recordWin } from "~/models/win-commands.server";
import { suggestWins } from "~/domain/win-suggestions";
import { getWinEvidence } from "~/models/win.server";
import { TODAY, workbook } from "./workbook-fixture";

function setup() {
  const w = workbook();
  const projects = w.all<{ id: number }>("select id from projects order by id");
  const found = projects.map((p) => ({ projectId: p.id, suggestion: suggestWins(getWinEvidence(w.db, p.id, TODAY)!)[0] })).find((p) => p.suggestion);
  expect(found, "the demo portfolio has a suggested win").toBeDefined();
  return { ...w, projectId: found!.projectId, ref: found!.suggestion.evidenceRef };
}

describe("win commands", () => {
  it("recordWin writes one win and one audit row per form token", () => {
    const w = setup();
    const before = w.count("wins");
    const input = {
      projectId: w.projectId,
      title: "Zero falls in March",
      description: "",
      formToken: "token-win-0000001",
      location: "/wins",
    };
    recordWin(w.db, w.actor, input);
    recordWin(w.db, w.actor, input);
    expect(w.count("wins")).toBe(before + 1);
    expect(w.audits("win.recorded").at(-1)!.summary).toBe('Recorded a win: "Zero falls in March"');
  });

  it.each([
    [
      "confirm",
      "win.recorded",
      1,
      (w: ReturnType<typeof setup>) =>
        confirmWin(w.db, w.actor, {
          projectId: w.projectId,
          evidenceRef: w.ref,
          today: TODAY,
          title: "Done",
          description: "",
        }),
    ],
    ["dismiss", "win.dismissed", 0, (w: ReturnType<typeof setup>) => dismissWin(w.db, w.actor, { projectId: w.projectId, evidenceRef: w.ref, today: TODAY })],
  ] as const)("%s: once, then refused as already handled with nothing written", (_name, action, newWins, run) => {
    const w = setup();
    const wins = w.count("wins");
    expect(run(w).ok).toBe(true);
    expect(w.count("wins")).toBe(wins + newWins);
    expect(w.audits(action).at(-1)!.summary).toContain(w.ref);
    const audits = w.count("audit_events");
    expect(run(w)).toEqual({ ok: false, refused: ALREADY_HANDLED, status: 409 });
    expect([w.count("wins"), w.count("audit_events")]).toEqual([wins + newWins, audits]);
  });
});
