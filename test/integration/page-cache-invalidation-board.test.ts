// The page cache's invalidation, board: every command whose data only the board shows (its rows,
// filters, the board's own view of a project, the Big Conversation priorities) is driven here; the
// kept board must be rendered again and show the change (ADR 126).
import { afterAll, beforeAll, describe, expect } from "vitest";
import { assessProject } from "~/models/board-commands.server";
import { createPriority, updatePriority } from "~/models/conversation-commands.server";
import { addNamed, changeNamed, saveWave } from "~/models/programme-commands.server";
import { importProjects } from "~/models/project-import-commands.server";
import { importLookups } from "~/models/project-import.server";
import { checkProjectRows } from "~/forms/project-import.server";
import { IMPORT_TEMPLATES } from "~/forms/project-import-template";
import { userIdOf } from "../helpers/db";
import { around, driveEvery, firstActivity, must, newestActivity } from "../helpers/page-cache-journey";
import { Client, startTestServer, TEST_TODAY, type TestServer } from "../helpers/server";

let server: TestServer;
let board: Client;
let programmeId: number;

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const actor = (email: string) => {
  const u = one<{ id: number; role: "admin" | "board" }>("select id, role from users where email = ?", email);
  return { id: u.id, email, role: u.role };
};

beforeAll(async () => {
  server = await startTestServer();
  board = await Client.signedIn(server.url, "board@example.org");
  programmeId = one<{ id: number }>("select id from programmes order by id limit 1").id;
});
afterAll(() => server?.close());

let priorityId = 0;
let divisionId = 0;

describe("the board after each command", () => {
  driveEvery("board", {
    "board.assessProject": async () => {
      const projectId = one<{ id: number }>("select id from projects where stage = 'active' order by id limit 1").id;
      const { before, after } = await around(board, ["/board", `/projects/${projectId}`], () =>
        must(assessProject(server.db, actor("board@example.org"), { projectId, rag: "red", reason: "Data does not back the report", comment: "" })),
      );
      expect(after[0].text).not.toBe(before[0].text);
      expect(firstActivity(after[1])).toContain(newestActivity(server.db, projectId)!.summary);
    },

    "conversation.createPriority": async () => {
      const title = "Shorter waits in outpatients, for the cache";
      const { after } = await around(board, ["/board"], () => {
        priorityId = must(
          createPriority(server.db, actor("admin@example.org"), {
            programmeId,
            values: { title, description: "From the staff conversation", ownerUserId: userIdOf(server.db, "lead@example.org"), assurance: "inconsistent" },
            themeIds: [],
          }),
        ).priorityId;
      });
      expect(after[0].text).toContain(title);
    },

    "conversation.updatePriority": async () => {
      const p = one<{ version: number; description: string; owner_user_id: number; assurance: "inconsistent" }>(
        "select version, description, owner_user_id, assurance from conversation_priorities where id = ?",
        priorityId,
      );
      const title = "Shorter waits in every clinic, for the cache";
      const { after } = await around(board, ["/board"], () =>
        must(
          updatePriority(server.db, actor("admin@example.org"), {
            programmeId,
            priorityId,
            version: p.version,
            values: { title, description: p.description, ownerUserId: p.owner_user_id, assurance: p.assurance },
            addThemeIds: [],
          }),
        ),
      );
      expect(after[0].text).toContain(title);
      expect(after[0].text).not.toContain("Shorter waits in outpatients, for the cache");
    },

    "programme.addNamed": async () => {
      const name = "Cache Division";
      const { after } = await around(board, ["/board"], () => {
        divisionId = must(
          addNamed(server.db, actor("admin@example.org"), { programmeId, kind: "division", name, once: { userId: 1, kind: "division", token: undefined } }),
        ).id!;
      });
      expect(after[0].text).toContain(name);
    },

    "programme.changeNamed": async () => {
      const { after } = await around(board, ["/board"], () =>
        must(
          changeNamed(server.db, actor("admin@example.org"), {
            programmeId,
            kind: "division",
            id: divisionId,
            change: { verb: "rename", name: "Cache Directorate" },
          }),
        ),
      );
      expect(after[0].text).toContain("Cache Directorate");
      expect(after[0].text).not.toContain("Cache Division");
    },

    "programme.saveWave": async () => {
      const number = one<{ n: number }>("select max(number) as n from waves").n + 1;
      const { before, after } = await around(board, ["/board"], () => {
        must(
          saveWave(server.db, actor("admin@example.org"), {
            programmeId,
            wave: { number, name: "Cache wave", startsOn: "2027-01-04", endsOn: "2027-06-30" },
            once: { userId: 1, kind: "wave", token: undefined },
          }),
        );
      });
      expect(before[0].text).not.toContain(`Wave ${number}`);
      expect(after[0].text).toContain(`Wave ${number}`);
    },

    "project-import.importProjects": async () => {
      const header = [...IMPORT_TEMPLATES.projects.header];
      const line = (values: Record<string, string>) => header.map((h) => values[h] ?? "");
      const checked = checkProjectRows(
        [header, line({ Reference: "CACHE-9", Title: "Imported for the cache", Stage: "Active" })],
        importLookups(server.db, programmeId),
        TEST_TODAY,
      );
      expect(checked.problems).toEqual([]);
      const { after } = await around(board, ["/board?q=Imported+for+the+cache"], () =>
        must(importProjects(server.db, actor("admin@example.org"), { programmeId, rows: checked.rows, fileName: "projects.csv" })),
      );
      expect(after[0].text).toContain("Imported for the cache");
    },
  });
});
