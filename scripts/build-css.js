// Compiles the NHS.UK design system with our own styles into app/styles/app.css,
// which Remix fingerprints. The Frutiger font-face is off: it would load from an
// outside host, which the CSP and offline hospital machines block.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = await sass.compileAsync(path.join(root, "styles", "app.scss"), {
  loadPaths: [path.join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
const out = path.join(root, "app", "styles", "app.css");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, result.css);
if (/assets\.nhs\.uk|@font-face/.test(result.css)) {
  console.error("app.css refers to an outside font host");
  process.exit(1);
}
// The design system's CSS refers to its icons under /assets/.
fs.cpSync(path.join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk", "assets"), path.join(root, "public", "assets"), {
  recursive: true,
});
console.log(`wrote app/styles/app.css (${(result.css.length / 1024).toFixed(0)} KiB)`);
