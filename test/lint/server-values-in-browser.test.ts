// The lint rule that keeps server-only values out of browser code: it must flag the pattern that
// once locked every new user out (a form schema built from a .server constant) and pass clean code.
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import rule from "../../scripts/eslint-rules/server-values-in-browser.js";

function lint(code: string, routeModule = true, filename = "app/routes/example.tsx") {
  const linter = new Linter({ configType: "flat" });
  return linter
    .verify(
      code,
      [
        {
          files: ["**/*.{ts,tsx}"],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { ecmaFeatures: { jsx: true } },
            sourceType: "module",
          },
          plugins: { local: { rules: { "server-values-in-browser": rule } } },
          rules: { "local/server-values-in-browser": ["error", { routeModule }] },
        },
      ],
      filename,
    )
    .map((m) => m.message);
}

describe("server-values-in-browser", () => {
  it("flags a form schema built from a .server constant (the change-password defect)", () => {
    const messages = lint(`
      import { z } from "zod";
      import { hashPassword, PASSWORD_MIN } from "~/auth/password.server";
      const Schema = z.object({ newPassword: z.string().min(PASSWORD_MIN) });
      export async function action() { await hashPassword("x"); return Schema; }
      export default function Page() { return <p>{Schema.description}</p>; }
    `);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("'PASSWORD_MIN' comes from the server-only module '~/auth/password.server'");
  });

  it("flags a value used directly in the component, and through a helper the component calls", () => {
    const messages = lint(`
      import { PAGE_SIZE, PII_CONFIRM_FIELD } from "~/models/audit.server";
      function pages(total: number) { return Math.ceil(total / PAGE_SIZE); }
      export default function Page() { return <input name={PII_CONFIRM_FIELD} data-pages={pages(3)} />; }
    `);
    expect(messages.map((m) => m.split("'")[1]).sort()).toEqual(["PAGE_SIZE", "PII_CONFIRM_FIELD"]);
  });

  it("allows server values in loaders, actions, helpers only they call, and types anywhere", () => {
    const messages = lint(`
      import { getDb } from "~/db.server";
      import { requireUser, type User } from "~/auth/guards.server";
      import type { Row } from "~/models/board.server";
      function load(): Row[] { return getDb().all(); }
      export async function loader() { await requireUser(); return load(); }
      export const action = async () => ({ ok: getDb() !== null });
      export default function Page(props: { user: User; rows: Row[] }) {
        const data: Awaited<ReturnType<typeof loader>> = props.rows;
        return <p>{data.length}</p>;
      }
    `);
    expect(messages).toEqual([]);
  });

  it("treats every export of a shared module as browser code", () => {
    const messages = lint(`import { today } from "~/today.server";\nexport const label = () => today();`, false, "app/components/x.tsx");
    expect(messages).toHaveLength(1);
  });

  it("leaves .server modules alone", () => {
    expect(lint(`import { today } from "~/today.server";\nexport const t = today();`, false, "app/web/x.server.ts")).toEqual([]);
  });
});
