import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import serverValuesInBrowser from "./scripts/eslint-rules/server-values-in-browser.js";

const IMPORT_STYLE = { group: ["../*"], message: 'Import from "~/…"; the database is reached through ~/db.server.' };
// Every audit row goes through `record` in app/models/command.server.ts (ADR 011), which also runs the event subscribers.
const RECORD_AUDIT = (message) => ({ name: "~/models/audit.server", importNames: ["recordAudit"], message });
const AUDIT_IN_COMMANDS = RECORD_AUDIT("Write through a command: record() in ~/models/command.server writes the audit row.");
// The only modules that may call recordAudit: the one that defines it and record() itself.
const AUDIT_WRITERS = ["app/models/command.server.ts", "app/models/audit.server.ts"];

export default tseslint.config(
  { ignores: ["build/**", "public/**", "node_modules/**", "db/migrations/**", "app/styles/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "User text is never rendered as HTML.",
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "stepping-up": { rules: { "server-values-in-browser": serverValuesInBrowser } } },
    rules: { "stepping-up/server-values-in-browser": "error" },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/root.tsx"],
    rules: { "stepping-up/server-values-in-browser": ["error", { routeModule: true }] },
  },
  {
    // One import style: "~/…" inside app; only the database corner (app/*.server.ts) reaches db/ and seeds/.
    // Nor does anything but record() write an audit row.
    files: ["app/*/**/*.{ts,tsx}"],
    ignores: ["app/domain/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [AUDIT_IN_COMMANDS], patterns: [IMPORT_STYLE] }],
    },
  },
  {
    files: ["app/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { paths: [AUDIT_IN_COMMANDS] }] },
  },
  {
    files: AUDIT_WRITERS,
    rules: { "no-restricted-imports": ["error", { patterns: [IMPORT_STYLE] }] },
  },
  {
    // Every write is a command in app/models (ADR 011): routes never open a transaction or write an audit row.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "User text is never rendered as HTML.",
        },
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: "Routes call a command (app/models); the command runs the transaction.",
        },
        {
          selector: "CallExpression[callee.name='recordAudit']",
          message: "Routes call a command (app/models); the command records the audit row.",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            RECORD_AUDIT("Routes call a command; it records the audit row."),
            { name: "drizzle-orm", message: "Routes call model functions; queries live in app/models." },
          ],
          patterns: [IMPORT_STYLE],
        },
      ],
    },
  },
  {
    // The domain is pure rules: it knows nothing of the database, HTTP, forms or pages.
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/*", "!~/domain", "!~/domain/**"],
              message: "app/domain imports only itself and date libraries.",
            },
            {
              group: ["../**/db/*", "../../db/*", "drizzle-orm", "drizzle-orm/*", "@remix-run/*"],
              message: "app/domain is pure.",
            },
          ],
        },
      ],
    },
  },
  {
    // Models are queries and commands: no HTTP pages, no components, no form modules (types aside).
    files: ["app/models/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/routes/*", "~/components/*", "@remix-run/*"],
              message: "app/models holds no HTTP or page code.",
            },
            {
              group: ["~/forms/*"],
              allowTypeImports: true,
              message: "app/models takes only types from forms; labels live in app/domain.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
