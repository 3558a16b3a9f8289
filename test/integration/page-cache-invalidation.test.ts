// The page cache's invalidation is complete by construction: every exported function of the write
// command modules is listed in test/helpers/page-cache-commands.ts, either with the journey that
// proves its kept pages change (page-cache-invalidation-<journey>.test.ts) or with why no kept
// page shows what it writes. A new command fails here until someone decides.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../helpers/page-cache-commands";
import { projectRoot } from "../helpers/build";

const MODELS = path.join(projectRoot, "app", "models");
const FILES = fs.readdirSync(MODELS).filter((f) => f.endsWith("-commands.server.ts"));

async function exportedFunctions(): Promise<string[]> {
  const names: string[] = [];
  for (const file of FILES) {
    const stem = file.replace(/-commands\.server\.ts$/, "");
    const mod = (await import(path.join(MODELS, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (typeof value === "function") names.push(`${stem}.${name}`);
  }
  return names;
}

describe("the page cache's list of write commands", () => {
  it("finds the command modules", () => {
    expect(FILES.length).toBeGreaterThan(30);
  });

  it("has a decision for every exported function of every command module", async () => {
    const found = await exportedFunctions();
    const undecided = found.filter((name) => !(name in COMMANDS));
    expect(undecided, "add these to test/helpers/page-cache-commands.ts with a journey or a reason").toEqual([]);
  });

  it("lists nothing that is no longer exported", async () => {
    const found = new Set(await exportedFunctions());
    expect(Object.keys(COMMANDS).filter((name) => !found.has(name))).toEqual([]);
  });

  it("gives a reason for every command no journey drives", () => {
    for (const [name, decision] of Object.entries(COMMANDS)) {
      if ("journey" in decision) continue;
      const why = "notShown" in decision ? decision.notShown : decision.notACommand;
      expect(why.length, name).toBeGreaterThan(10);
    }
  });

  it("has each journey file it names", () => {
    const journeys = new Set(Object.values(COMMANDS).flatMap((d) => ("journey" in d ? [d.journey] : [])));
    for (const journey of journeys) {
      expect(fs.existsSync(path.join(projectRoot, "test", "integration", `page-cache-invalidation-${journey}.test.ts`)), journey).toBe(true);
    }
  });
});
