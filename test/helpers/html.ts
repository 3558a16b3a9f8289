// Reading server-rendered pages in tests with a real HTML parser, so assertions are about
// what a person sees (text, cells, fields, error messages), not about how markup is spelled.
import { parse, type HTMLElement, type Node } from "node-html-parser";

export type { HTMLElement };

// Elements whose boundaries don't separate words; every other element does (a cell, a
// paragraph, a list item), so "Green" in one cell and "Amber" in the next never read "GreenAmber".
const INLINE = new Set("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var wbr label".split(" "));
// Their contents are not text a person reads.
const NOT_TEXT = new Set(["script", "style", "template"]);

function collect(node: Node, out: string[]) {
  if (node.nodeType === 3) {
    out.push(node.text); // a text node's .text has its entities decoded
    return;
  }
  if (node.nodeType !== 1) return;
  const tag = (node as HTMLElement).tagName?.toLowerCase() ?? "";
  if (NOT_TEXT.has(tag)) return;
  const block = tag !== "" && !INLINE.has(tag);
  if (block) out.push(" ");
  for (const child of node.childNodes) collect(child, out);
  if (block) out.push(" ");
}

/** The text of an element as a person reads it: entities decoded, no scripts, whitespace collapsed. */
export function textOf(node: Node): string {
  const out: string[] = [];
  collect(node, out);
  return out.join("").replace(/\s+/g, " ").trim();
}

/** Each body row of a table as the texts of its cells (header rows in a `thead` left out). */
export function rowsOf(table: HTMLElement): string[][] {
  const body = table.querySelector("tbody") ?? table;
  return body
    .querySelectorAll("tr")
    .filter((tr) => tr.closest("thead") === null)
    .map((tr) => tr.querySelectorAll("th, td").map(textOf));
}

/** A description list (`dl`, e.g. an NHS summary list) as { term text: description text }. */
export function termsOf(list: HTMLElement): Record<string, string> {
  const terms: Record<string, string> = {};
  let term: string | null = null;
  for (const el of list.querySelectorAll("dt, dd")) {
    if (el.tagName === "DT") term = textOf(el);
    else if (term !== null) terms[term] = terms[term] === undefined ? textOf(el) : `${terms[term]} ${textOf(el)}`;
  }
  return terms;
}

/** The href of every link inside an element, in page order. */
export function hrefsIn(el: HTMLElement): string[] {
  return el.querySelectorAll("a[href]").map((a) => a.getAttribute("href")!);
}

export class Page {
  /** The parsed document (React's `<!-- -->` text separators are not kept). */
  readonly root: HTMLElement;
  /** The whole page's visible text: entities decoded, no scripts, whitespace collapsed. */
  readonly text: string;

  constructor(readonly html: string) {
    // The doctype would otherwise be read as text.
    this.root = parse(html.replace(/^\s*<!doctype[^>]*>/i, ""), { comment: false });
    this.text = textOf(this.root);
  }

  /** Every string the page carries, decoded: its text, every attribute value and every script
   * body (the loader data). For asserting that something is nowhere on the page. */
  get anywhere(): string {
    const parts = [this.text];
    for (const el of this.root.querySelectorAll("*")) {
      parts.push(...Object.values(el.attributes));
      if (el.tagName === "SCRIPT") parts.push(el.rawText);
    }
    return parts.join("\n");
  }

  find(selector: string): HTMLElement | null {
    return this.root.querySelector(selector);
  }

  findAll(selector: string): HTMLElement[] {
    return this.root.querySelectorAll(selector);
  }

  /** The element `selector` matches; throws (failing the test) when there is none. */
  get(selector: string): HTMLElement {
    const el = this.root.querySelector(selector);
    if (!el) throw new Error(`no element matches ${selector}`);
    return el;
  }

  /** The visible text of the element `selector` matches; throws when there is none. */
  textOf(selector: string): string {
    return textOf(this.get(selector));
  }

  /** The visible text of every element `selector` matches, in page order. */
  textsOf(selector: string): string[] {
    return this.findAll(selector).map(textOf);
  }

  /** Each body row of a table (the first `table` by default) as the texts of its cells. */
  tableRows(selector = "table"): string[][] {
    return rowsOf(this.get(selector));
  }

  /** The body rows of the table whose caption is `caption` (NHS tables carry one, often
   * visually hidden); throws when there is no such table. */
  tableRowsCaptioned(caption: string): string[][] {
    const table = this.findAll("table").find((t) => {
      const c = t.querySelector("caption");
      return c !== null && textOf(c) === caption;
    });
    if (!table) throw new Error(`no table has the caption ${JSON.stringify(caption)}`);
    return rowsOf(table);
  }

  /** A description list (the first `dl` by default) as { term: description }. */
  summaryList(selector = "dl"): Record<string, string> {
    return termsOf(this.get(selector));
  }

  /** The href of every link inside the element `selector` matches (the whole page by default). */
  hrefs(selector?: string): string[] {
    return hrefsIn(selector ? this.get(selector) : this.root);
  }

  /** The messages of the error summary at the top of the page (empty when there is none). */
  errorSummary(): string[] {
    return this.textsOf(".nhsuk-error-summary__list li");
  }

  /** The 409 panel (components/conflict-notice): its message and, per field, their saved value
   * and yours; null when the page has none. */
  conflict(): { message: string; fields: { field: string; theirs: string; yours: string }[] } | null {
    const panel = this.find('[aria-labelledby="conflict-title"]');
    if (!panel) return null;
    const table = panel.querySelector("table");
    return {
      message: textOf(panel.querySelector("p")!),
      fields: (table ? rowsOf(table) : []).map(([field, theirs, yours]) => ({ field, theirs, yours })),
    };
  }

  /** The hidden inputs of a form (the first form by default), by name. */
  hiddenFields(formSelector = "form"): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const input of this.get(formSelector).querySelectorAll('input[type="hidden"]')) {
      const name = input.getAttribute("name");
      if (name) fields[name] = input.getAttribute("value") ?? "";
    }
    return fields;
  }

  /** The value a form field called `name` would submit: an input's value (the checked one, for
   * radios), a textarea's text or a select's chosen option; null when there is no such field.
   * `within` narrows the search to one element (a form, say). */
  fieldValue(name: string, within?: string): string | null {
    const scope = within ? this.get(within) : this.root;
    const fields = scope.querySelectorAll(`[name="${name}"]`);
    for (const field of fields) {
      const tag = field.tagName.toLowerCase();
      if (tag === "textarea") return field.text;
      if (tag === "select") {
        const option = field.querySelector("option[selected]") ?? field.querySelector("option");
        return option ? (option.getAttribute("value") ?? option.text) : null;
      }
      const type = field.getAttribute("type");
      if (type === "radio" || type === "checkbox") {
        if (field.hasAttribute("checked")) return field.getAttribute("value") ?? "on";
        continue;
      }
      return field.getAttribute("value") ?? "";
    }
    return null;
  }

  /** What a date input called `name` shows (its day, month and year boxes): YYYY-MM-DD when the
   * boxes make a date, else "day/month/year" as typed; null when the page has no such input. */
  dateValue(name: string, within?: string): string | null {
    const [day, month, year] = ["day", "month", "year"].map((p) => this.fieldValue(`${name}.${p}`, within));
    if (day === null || month === null || year === null) return null;
    if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    return `${day}/${month}/${year}`;
  }

  /** The values of the checked radios or checkboxes called `name`. */
  checkedValues(name: string): string[] {
    return this.findAll(`input[name="${name}"]`)
      .filter((input) => input.hasAttribute("checked"))
      .map((input) => input.getAttribute("value") ?? "on");
  }

  /** The ids of the elements `selector` matches, in page order. */
  ids(selector: string): string[] {
    return this.findAll(selector).map((el) => el.id);
  }
}

/** Parses an HTML string. */
export function parsePage(html: string): Page {
  return new Page(html);
}

/** Reads and parses a response's body. */
export async function readPage(res: Response): Promise<Page> {
  return new Page(await res.text());
}
