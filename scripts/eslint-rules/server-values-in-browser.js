// Fails the lint when code that reaches the browser bundle uses a value imported from a
// `.server` module. The compiler empties `.server` modules in the browser, so such a value is
// `undefined` there: a schema built from it fails only with JavaScript on, where HTTP tests
// cannot see it. Route modules keep only these exports in the browser; everything reachable
// from them (and any top-level side effect) is browser code.
const BROWSER_EXPORTS = new Set([
  "default",
  "ErrorBoundary",
  "HydrateFallback",
  "Layout",
  "clientAction",
  "clientLoader",
  "handle",
  "links",
  "meta",
  "shouldRevalidate",
]);

// TypeScript nodes that wrap a value; every other TS node is a type, erased from the bundle.
const VALUE_WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "TSTypeAssertion", "TSInstantiationExpression"]);
function inTypePosition(identifier) {
  for (let n = identifier.parent; n; n = n.parent) {
    if (n.type.startsWith("TS") && !VALUE_WRAPPERS.has(n.type)) return true;
  }
  return false;
}

const isServerModule = (source) => /\.server(\.[cm]?[jt]sx?)?$/.test(source) || /(^|\/)server\//.test(source);

function exportedNames(statement) {
  if (statement.type === "ExportDefaultDeclaration") return ["default"];
  if (statement.type !== "ExportNamedDeclaration") return [];
  if (statement.declaration?.id) return [statement.declaration.id.name];
  if (statement.declaration?.declarations) return statement.declaration.declarations.map((d) => d.id.name);
  return statement.specifiers.map((s) => s.exported.name);
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "No value from a .server module in code that runs in the browser" },
    schema: [{ type: "object", properties: { routeModule: { type: "boolean" } }, additionalProperties: false }],
    messages: {
      leak:
        "'{{name}}' comes from the server-only module '{{source}}' but is used by code that runs in the browser, " +
        "where it is undefined. Move it to a module without .server.",
    },
  },
  create(context) {
    const routeModule = context.options[0]?.routeModule ?? false;
    if (/\.server\.[cm]?[jt]sx?$/.test(context.filename)) return {};
    return {
      "Program:exit"(program) {
        const { sourceCode } = context;
        const topOf = (node) => {
          let n = node;
          while (n.parent && n.parent !== program) n = n.parent;
          return n;
        };
        const moduleScope = sourceCode.scopeManager.globalScope.childScopes.find((s) => s.type === "module");
        if (!moduleScope) return;

        // Which top-level statement declares each module-level variable, and which come from .server.
        const declaredBy = new Map();
        const serverImports = new Map();
        for (const variable of moduleScope.variables) {
          const def = variable.defs[0];
          if (!def) continue;
          declaredBy.set(variable, topOf(def.node));
          if (def.type === "ImportBinding") {
            const decl = def.parent;
            const typeOnly = decl.importKind === "type" || def.node.importKind === "type";
            if (!typeOnly && isServerModule(decl.source.value)) serverImports.set(variable, decl.source.value);
          }
        }

        // Browser roots, then everything they reach through value references.
        const reached = new Set();
        const queue = [];
        const reach = (statement) => {
          if (!reached.has(statement)) {
            reached.add(statement);
            queue.push(statement);
          }
        };
        for (const statement of program.body) {
          if (statement.type === "ImportDeclaration") continue;
          const names = exportedNames(statement);
          const isRoot = routeModule
            ? names.some((n) => BROWSER_EXPORTS.has(n)) || statement.type === "ExpressionStatement"
            : names.length > 0 || statement.type === "ExpressionStatement";
          if (isRoot) reach(statement);
        }
        // Value references by the statement that holds them.
        const refsIn = new Map();
        for (const variable of moduleScope.variables) {
          for (const ref of variable.references) {
            if (ref.isTypeReference || ref.isValueReference === false || inTypePosition(ref.identifier)) continue;
            const holder = topOf(ref.identifier);
            if (!refsIn.has(holder)) refsIn.set(holder, []);
            refsIn.get(holder).push({ variable, ref });
          }
        }
        // `export { x }` lists refer through specifiers as well.
        const reported = new Set();
        while (queue.length) {
          const statement = queue.shift();
          for (const { variable, ref } of refsIn.get(statement) ?? []) {
            const source = serverImports.get(variable);
            if (source !== undefined) {
              if (!reported.has(ref.identifier)) {
                reported.add(ref.identifier);
                context.report({ node: ref.identifier, messageId: "leak", data: { name: variable.name, source } });
              }
              continue;
            }
            const declaration = declaredBy.get(variable);
            if (declaration && declaration !== statement) reach(declaration);
          }
        }
      },
    };
  },
};
