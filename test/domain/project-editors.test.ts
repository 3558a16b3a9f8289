import { describe, expect, it } from "vitest";
import { whoCanEditSentence } from "~/domain/project-editors";

describe("whoCanEditSentence", () => {
  it("names the team with their roles, then the administrators", () => {
    const text = whoCanEditSentence([
      { name: "Priya Patel", teamRole: "project_lead" },
      { name: "Tom Jones", teamRole: "member" },
      { name: "Alex Admin", teamRole: null },
    ]);
    expect(text).toBe(
      "The people who can edit it are the project's team: Priya Patel (project lead), Tom Jones (team member); and an administrator: Alex Admin. Ask one of them to make the change, or a lead to add you to the team.",
    );
  });
  it("says what to do when nobody is named", () => {
    expect(whoCanEditSentence([])).toBe("Ask an administrator to add you to the project's team.");
  });
});
