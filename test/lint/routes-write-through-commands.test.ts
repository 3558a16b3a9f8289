// The project's lint configuration keeps writes in commands and the domain pure.
import { ESLint } from "eslint";
import path from "node:path";
import { expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });
const messagesFor = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages.map((m) => m.message));

it("refuses a transaction or an audit row written by a route", async () => {
  const transaction = await messagesFor(
    `import { getDb } from "~/db.server";\nexport async function action() { getDb().transaction(() => null); return null; }\n`,
    "app/routes/probe.tsx",
  );
  expect(transaction.join("\n")).toContain("the command runs the transaction");
  const audit = await messagesFor(
    `import { recordAudit } from "~/models/audit.server";\nexport async function action() { recordAudit({} as never, {} as never); return null; }\n`,
    "app/routes/probe.tsx",
  );
  expect(audit.join("\n")).toContain("records the audit row");
});

it("lets only record() in command.server import recordAudit", async () => {
  const code = `import { recordAudit } from "~/models/audit.server";\nexport const write = recordAudit;\n`;
  const model = await messagesFor(code, "app/models/probe.server.ts");
  expect(model.join("\n")).toContain("record() in ~/models/command.server writes the audit row");
  const web = await messagesFor(code, "app/web/probe.server.ts");
  expect(web.join("\n")).toContain("record() in ~/models/command.server writes the audit row");
  expect(await messagesFor(code, "app/models/command.server.ts")).toEqual([]);
  const repeated = `import { recordRepeatedAudit } from "~/models/audit.server";\nexport const write = recordRepeatedAudit;\n`;
  expect(await messagesFor(repeated, "app/models/probe.server.ts")).toEqual([]);
  // The exception for command.server keeps the one import style.
  const relative = await messagesFor(`import { users } from "../../db/schema";\nexport const x = users;\n`, "app/models/command.server.ts");
  expect(relative.join("\n")).toContain('Import from "~/…"');
});

it("refuses an import from outside the domain in app/domain", async () => {
  const messages = await messagesFor(`import { getDb } from "~/db.server";\nexport const x = getDb;\n`, "app/domain/probe.ts");
  expect(messages.join("\n")).toContain("app/domain imports only itself");
});

it("refuses a model that imports a page, a component or a form's values (types are allowed)", async () => {
  const component = await messagesFor(`import { Tag } from "~/components/tags";\nexport const x = Tag;\n`, "app/models/probe.server.ts");
  expect(component.join("\n")).toContain("app/models holds no HTTP or page code");
  const labels = await messagesFor(`import { CYCLE_LABELS } from "~/forms/pdsa-form";\nexport const x = CYCLE_LABELS;\n`, "app/models/probe.server.ts");
  expect(labels.join("\n")).toContain("labels live in app/domain");
  const types = await messagesFor(`import type { CycleValues } from "~/forms/pdsa-form";\nexport type X = CycleValues;\n`, "app/models/probe.server.ts");
  expect(types).toEqual([]);
});

it("refuses a relative import reaching across app (one import style)", async () => {
  const messages = await messagesFor(`import { users } from "../../db/schema";\nexport const x = users;\n`, "app/models/probe.server.ts");
  expect(messages.join("\n")).toContain('Import from "~/…"');
  const route = await messagesFor(`import { users } from "../../db/schema";\nexport const x = users;\n`, "app/routes/probe.tsx");
  expect(route.join("\n")).toContain('Import from "~/…"');
});

it("refuses a query written in a route: queries live in app/models", async () => {
  const messages = await messagesFor(`import { asc } from "drizzle-orm";\nexport const x = asc;\n`, "app/routes/probe.tsx");
  expect(messages.join("\n")).toContain("queries live in app/models");
});
