// Parses CQC must-do / should-do actions pasted from a report or spreadsheet:
// one per line, columns reference, kind, domain, service, text (tab- or comma-separated).
import Papa from "papaparse";
import { CQC_DOMAINS, type CqcDomain } from "~/domain/enums";
import { textProblem, textProblemMessage } from "~/forms/text-field";
import type { CqcActionInput } from "~/models/cqc.server";

export type PastedRow = { line: number; value?: CqcActionInput; error?: string };

const KIND: Record<string, "must_do" | "should_do"> = {
  "must do": "must_do",
  "must-do": "must_do",
  must_do: "must_do",
  must: "must_do",
  "should do": "should_do",
  "should-do": "should_do",
  should_do: "should_do",
  should: "should_do",
};

function domainOf(text: string): CqcDomain | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return (CQC_DOMAINS as readonly string[]).includes(key) ? (key as CqcDomain) : undefined;
}

export function parseCqcPaste(text: string): PastedRow[] {
  const delimiter = text.includes("\t") ? "\t" : ",";
  const parsed = Papa.parse<string[]>(text.trim(), { delimiter, skipEmptyLines: "greedy" });
  return parsed.data.map((cells, i) => {
    const line = i + 1;
    // The one-action form's text rule: only the action's own text (a quoted cell) may hold line breaks.
    const bad = cells.map((c, k) => textProblem(c, k >= 4)).find(Boolean);
    if (bad) return { line, error: textProblemMessage(bad, `Line ${line}`) };
    const [reference = "", kind = "", domain = "", service = "", ...rest] = cells.map((c) => c.normalize("NFC").trim());
    const actionText = rest.join(delimiter === "," ? ", " : " ").trim();
    if (/^ref/i.test(reference) && /kind|type/i.test(kind)) return { line }; // a header row
    if (!reference) return { line, error: `Line ${line}: enter a reference, such as MD1` };
    if (reference.length > 40) return { line, error: `Line ${line}: the reference must be 40 characters or fewer` };
    const k = KIND[kind.toLowerCase()];
    if (!k) return { line, error: `Line ${line}: the kind must be "must do" or "should do", not "${kind}"` };
    const d = domainOf(domain);
    if (!d)
      return {
        line,
        error: `Line ${line}: the domain must be safe, effective, caring, responsive or well-led, not "${domain}"`,
      };
    if (!actionText) return { line, error: `Line ${line}: enter the text of the action` };
    if (actionText.length > 2000) return { line, error: `Line ${line}: the action text must be 2,000 characters or fewer` };
    return { line, value: { reference, kind: k, domain: d, service: service.slice(0, 200), text: actionText } };
  });
}
