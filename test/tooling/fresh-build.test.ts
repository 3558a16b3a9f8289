// The integration and browser projects never test a stale build: the global set-up finds
// sources newer than build/ and rebuilds.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { staleSources } from "../helpers/fresh-build";
import { tempDir } from "../helpers/db";

function tree() {
  const root = tempDir("fresh-build-");
  for (const f of ["app/routes/healthz.tsx", "server/app.js", "db/schema.ts", "app/styles/app.css", "remix.config.js"]) {
    fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), "x");
  }
  return root;
}
const age = (root: string, file: string, secondsAgo: number) => {
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(path.join(root, file), t, t);
};

describe("staleSources", () => {
  it("calls everything stale when there is no build", () => {
    expect(staleSources(tree()).length).toBeGreaterThan(0);
  });

  it("finds an edited route newer than the build, and nothing once rebuilt", () => {
    const root = tree();
    for (const f of ["app/routes/healthz.tsx", "server/app.js", "db/schema.ts", "app/styles/app.css", "remix.config.js"]) age(root, f, 60);
    fs.mkdirSync(path.join(root, "build"));
    fs.writeFileSync(path.join(root, "build/index.js"), "built");
    age(root, "build/index.js", 30);
    expect(staleSources(root)).toEqual([]);

    fs.writeFileSync(path.join(root, "app/routes/healthz.tsx"), "BROKEN");
    expect(staleSources(root)).toEqual([path.join("app", "routes", "healthz.tsx")]);

    fs.writeFileSync(path.join(root, "build/index.js"), "rebuilt");
    expect(staleSources(root)).toEqual([]);
  });

  it("ignores the stylesheet the build itself writes", () => {
    const root = tree();
    for (const f of ["app/routes/healthz.tsx", "server/app.js", "db/schema.ts", "remix.config.js"]) age(root, f, 60);
    fs.mkdirSync(path.join(root, "build"));
    fs.writeFileSync(path.join(root, "build/index.js"), "built");
    age(root, "build/index.js", 30);
    expect(staleSources(root)).toEqual([]);
  });
});
