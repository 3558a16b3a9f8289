// The page cache's invalidation, learning search: every command whose data only the learning search
// shows (driver diagrams' drivers and change ideas, ideas copied from another project) is driven here;
// the kept results must be rendered again and show the change (ADR 126).
import { afterAll, beforeAll, describe, expect } from "vitest";
import { addDriver, addIdea, editNode, removeNode } from "~/models/driver-commands.server";
import { adoptChangeIdea } from "~/models/spread-commands.server";
import { around, driveEvery, must } from "../helpers/page-cache-journey";
import { Client, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let staff: Client;
let projectId: number;

const one = <T>(sql: string, ...params: unknown[]) => server.db.$client.prepare(sql).get(...params) as T;
const admin = () => ({ id: one<{ id: number }>("select id from users where email = 'admin@example.org'").id, email: "admin@example.org" });
const search = (q: string) => `/learning?q=${encodeURIComponent(q)}`;

beforeAll(async () => {
  server = await startTestServer();
  staff = await Client.signedIn(server.url, "staff@example.org");
  projectId = one<{ id: number }>("select id from projects where stage = 'active' order by id limit 1").id;
});
afterAll(() => server?.close());

let driverId = 0;

describe("the learning search after each command", () => {
  driveEvery("learning", {
    "driver.addDriver": async () => {
      const { before, after } = await around(staff, [search("quokka")], () => {
        driverId = must(addDriver(server.db, admin(), { projectId, level: "primary", title: "Quokka handover board", description: "", parentId: null })).id!;
      });
      expect(before[0].text).not.toContain("Quokka handover board");
      expect(after[0].text).toContain("Quokka handover board");
    },

    "driver.editNode": async () => {
      const version = one<{ version: number }>("select version from drivers where id = ?", driverId).version;
      const { after } = await around(staff, [search("quokka")], () =>
        must(editNode(server.db, admin(), { projectId, kind: "driver", id: driverId, version, title: "Quokka safety huddle", description: "" })),
      );
      expect(after[0].text).toContain("Quokka safety huddle");
      expect(after[0].text).not.toContain("Quokka handover board");
    },

    "driver.removeNode": async () => {
      const version = one<{ version: number }>("select version from drivers where id = ?", driverId).version;
      const { after } = await around(staff, [search("quokka")], () =>
        must(removeNode(server.db, admin(), { projectId, kind: "driver", id: driverId, version })),
      );
      expect(after[0].text).not.toContain("Quokka safety huddle");
    },

    "driver.addIdea": async () => {
      const { after } = await around(staff, [search("wombat")], () => {
        must(addIdea(server.db, admin(), { projectId, title: "Wombat discharge checklist", description: "", driverId: null }));
      });
      expect(after[0].text).toContain("Wombat discharge checklist");
    },

    "spread.adoptChangeIdea": async () => {
      // An idea of the demo marked ready to spread, copied into another project.
      const idea = one<{ id: number; version: number; project_id: number; title: string }>(
        "select id, version, project_id, title from change_ideas where spread_ready_at is not null order by id limit 1",
      );
      const other = one<{ id: number }>(
        "select id from projects p where stage = 'active' and id != ? and not exists (select 1 from change_ideas c where c.project_id = p.id and c.origin_change_idea_id = ?) order by id limit 1",
        idea.project_id,
        idea.id,
      );
      const member = one<{ id: number; email: string }>(
        "select u.id, u.email from project_team t join users u on u.id = t.user_id where t.project_id = ? and t.ended_at is null and u.role != 'viewer' order by t.id limit 1",
        other.id,
      );
      const count = (text: string) => text.split(idea.title).length;
      const { before, after } = await around(staff, [search(idea.title)], () =>
        must(adoptChangeIdea(server.db, member, { ideaId: idea.id, version: idea.version, projectId: other.id, driverId: null })),
      );
      expect(count(after[0].text)).toBeGreaterThan(count(before[0].text));
    },
  });
});
