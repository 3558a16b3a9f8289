// The project's lint configuration keeps writes in commands and the domain pure.
import { ESLint } from "eslint";
import path from "node:path";
import { expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });
const messagesFor = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages.map((m) => m.message));

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

it("refuses an import from outside the domain in app/domain", async () => {
  const messages = await messagesFor(`import { getDb } from "~/db.server";\nexport const x = getDb;\n`, "app/domain/probe.ts");
  expect(messages.join("\n")).toContain("app/domain imports only itself");
});
