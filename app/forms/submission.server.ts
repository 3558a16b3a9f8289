import { parseWithZod } from "@conform-to/zod/v4";
import type { z, ZodType } from "zod";
import { formShape, MAX_LIST_ITEMS, parsePath, pathsIn, valuesAllowed, type Segment } from "~/forms/form-names.server";
import { badRequest } from "~/auth/guards.server";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";

const UNREADABLE = "This form could not be read. Reload the page and try again.";
const INTENT = "__intent__";
const STATE = "__state__";

/** Fields any form may carry beside its schema's own (read by shared helpers, not the schema). */
export const FORM_WIDE_FIELDS: readonly string[] = [PII_CONFIRM_FIELD];

const FORGED = (names: string[]) => `This form cannot change ${names.join(", ")}. Reload the page and try again`;
// A plain name like those our forms use: one the reply may name (never its value).
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

type Options = {
  /** Plain, single fields the action reads itself (an intent button, a version), not through the schema. */
  extraFields?: readonly string[];
};

/**
 * Checks a form's names against its schema before anything is structured: a name it does not
 * know, a list index past the schema's maximum (never past MAX_LIST_ITEMS), a single field sent
 * twice, or a malformed conform intent or state is a 400. Returns the plain forged names (a
 * field the form does not have, sent once), which a caller may refuse in the form instead.
 */
function forgedNames(formData: FormData | URLSearchParams, schema: ZodType, { extraFields = [] }: Options): string[] {
  const shape = formShape(schema);
  const plain = new Set([...FORM_WIDE_FIELDS, ...extraFields]);
  const counts = new Map<string, number>();
  for (const name of formData.keys()) {
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    if (count > MAX_LIST_ITEMS) badRequest(UNREADABLE);
    if (count > 1 && (plain.has(name) || name === INTENT || name === STATE)) badRequest(UNREADABLE);
  }
  const forged: string[] = [];
  for (const [name, count] of counts) {
    if (plain.has(name) || name === INTENT || name === STATE) continue;
    const path = parsePath(name);
    if (path && valuesAllowed(shape, path) >= count) continue;
    if (count === 1 && PLAIN_NAME.test(name) && forged.length < 5) forged.push(name);
    else badRequest(UNREADABLE);
  }
  checkIntent(formData.get(INTENT), shape);
  checkState(formData.get(STATE), shape);
  return forged;
}

/** 400 for any name the schema does not know (see forgedNames). */
export function checkFieldNames(formData: FormData | URLSearchParams, schema: ZodType, options: Options = {}) {
  const forged = forgedNames(formData, schema, options);
  if (forged.length > 0) badRequest(`${FORGED(forged)}.`);
}

function readJson(value: FormDataEntryValue | null): unknown {
  if (value === null) return undefined;
  if (typeof value !== "string" || value.length > 64 * 1024) badRequest(UNREADABLE);
  try {
    return JSON.parse(value);
  } catch {
    badRequest(UNREADABLE);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isIndex = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < MAX_LIST_ITEMS);

/** conform's list and field intents: a known name, indices within bounds, a value the schema knows. */
function checkIntent(value: FormDataEntryValue | null, shape: ReturnType<typeof formShape>) {
  const intent = readJson(value);
  if (intent === undefined) return;
  if (!isObject(intent) || !isObject(intent.payload) || typeof intent.type !== "string") badRequest(UNREADABLE);
  const { name, index, from, to, value: newValue, defaultValue } = intent.payload as Record<string, unknown>;
  if (name !== undefined && typeof name !== "string") badRequest(UNREADABLE);
  if (![index, from, to].every(isIndex)) badRequest(UNREADABLE);
  const base: Segment[] | null = name ? parsePath(name) : [];
  if (!base || (base.length > 0 && valuesAllowed(shape, base) === 0)) badRequest(UNREADABLE);
  for (const inner of [newValue, defaultValue]) {
    if (inner === undefined) continue;
    // An inserted value is one item of the list; an update's value sits at the name (and index).
    const at = intent.type === "insert" ? [...base, (index as number | undefined) ?? 0] : typeof index === "number" ? [...base, index] : base;
    const paths = pathsIn(inner, at);
    if (!paths || paths.some((p) => p.length > 0 && valuesAllowed(shape, p) === 0)) badRequest(UNREADABLE);
  }
}

/** conform's state is { validated: { [field name]: boolean } }. */
function checkState(value: FormDataEntryValue | null, shape: ReturnType<typeof formShape>) {
  const state = readJson(value);
  if (state === undefined) return;
  if (!isObject(state) || Object.keys(state).some((k) => k !== "validated")) badRequest(UNREADABLE);
  const validated = state.validated ?? {};
  if (!isObject(validated)) badRequest(UNREADABLE);
  for (const [name, flag] of Object.entries(validated)) {
    const path = name === "" ? [] : parsePath(name);
    if (typeof flag !== "boolean" || !path || (path.length > 0 && valuesAllowed(shape, path) === 0)) badRequest(UNREADABLE);
  }
}

/** conform's parseWithZod on the server, after checkFieldNames; anything conform cannot read is a 400, never a 500. */
export function parseSubmission<Schema extends ZodType>(formData: FormData | URLSearchParams, options: { schema: Schema } & Options) {
  const forged = forgedNames(formData, options.schema, options);
  let input = formData;
  let schema: ZodType = options.schema;
  if (forged.length > 0) {
    // Refused in the form, like a strict schema would, but the forged fields are left out of the reply.
    input = new FormData();
    for (const [name, value] of formData.entries()) if (!forged.includes(name)) input.append(name, value);
    schema = options.schema.superRefine((_, ctx) => ctx.addIssue({ code: "custom", message: FORGED(forged), path: [] }));
  }
  try {
    return parseWithZod(input, { schema: schema as Schema });
  } catch {
    return badRequest(UNREADABLE);
  }
}

/** A flat form (no lists) read by a plain zod schema, with the same name checks. */
export function parseFields<Schema extends ZodType>(
  formData: FormData | URLSearchParams,
  schema: Schema,
  options: Options = {},
): z.ZodSafeParseResult<z.output<Schema>> {
  checkFieldNames(formData, schema, options);
  return schema.safeParse(Object.fromEntries(formData));
}
