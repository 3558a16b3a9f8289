// Which field names a form's schema knows. conform turns "z[99999999]" into an array of
// 100 million slots before the schema sees it, so names are checked first, against the
// schema's JSON Schema (zod's own introspection: objects, arrays with their maximum, unions).
import { z, type ZodType } from "zod";

/** No list index at or above this is accepted, whatever a schema allows. */
export const MAX_LIST_ITEMS = 1000;

type Shape = {
  type?: string | string[];
  properties?: Record<string, Shape>;
  additionalProperties?: Shape | boolean;
  items?: Shape;
  prefixItems?: Shape[];
  maxItems?: number;
  anyOf?: Shape[];
  oneOf?: Shape[];
  allOf?: Shape[];
};
export type Segment = string | number;

const shapes = new WeakMap<ZodType, Shape>();

/** The schema as its form sends it (before transforms); what zod cannot describe is left open ({}). */
export function formShape(schema: ZodType): Shape {
  let shape = shapes.get(schema);
  if (!shape) {
    shape = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Shape;
    shapes.set(schema, shape);
  }
  return shape;
}

/** conform's path syntax ("asks[0].text"), or null when conform could not read it. */
export function parsePath(name: string): Segment[] | null {
  const segments: Segment[] = [];
  let at = 0;
  for (const m of name.matchAll(/([^.[\]]+)|\[(\d{1,9})\]/g)) {
    const gap = m.index - at;
    if (gap !== 0 && !(gap === 1 && name[at] === "." && segments.length > 0)) return null;
    segments.push(m[1] ?? Number(m[2]));
    at = m.index + m[0].length;
  }
  return at === name.length && segments.length > 0 ? segments : null;
}

function alternatives(shape: Shape): Shape[] {
  const more = [...(shape.anyOf ?? []), ...(shape.oneOf ?? []), ...(shape.allOf ?? [])];
  return more.length > 0 ? [shape, ...more.flatMap(alternatives)] : [shape];
}

function listLimit(shape: Shape): number {
  return Math.min(shape.maxItems ?? MAX_LIST_ITEMS, MAX_LIST_ITEMS);
}

/**
 * How many values the schema takes under this path: 0 for a name it does not know,
 * 1 for a single field, up to a list's maximum for a repeated one (checkboxes).
 */
export function valuesAllowed(shape: Shape, path: readonly Segment[]): number {
  let best = 0;
  for (const alt of alternatives(shape)) {
    best = Math.max(best, path.length === 0 ? valuesHere(alt) : valuesBelow(alt, path));
  }
  return best;
}

function valuesHere(shape: Shape): number {
  if (shape.items || shape.type === "array") return listLimit(shape);
  // Left open (a preprocess or custom check): it may take a list. A union is as open as its alternatives.
  if (shape.type === undefined && !shape.properties && !shape.anyOf && !shape.oneOf && !shape.allOf) return MAX_LIST_ITEMS;
  return 1;
}

function valuesBelow(shape: Shape, [head, ...rest]: readonly Segment[]): number {
  if (typeof head === "number") {
    if (shape.prefixItems) return head < shape.prefixItems.length ? valuesAllowed(shape.prefixItems[head], rest) : 0;
    return shape.items && head < listLimit(shape) ? valuesAllowed(shape.items, rest) : 0;
  }
  if (shape.properties && Object.hasOwn(shape.properties, head)) return valuesAllowed(shape.properties[head], rest);
  const extra = shape.additionalProperties;
  if (extra === true) return rest.length === 0 ? 1 : 0;
  return typeof extra === "object" ? valuesAllowed(extra, rest) : 0;
}

/** Every path inside a JSON value (an intent's default value), for checking like field names. */
export function pathsIn(value: unknown, prefix: Segment[] = [], depth = 0): Segment[][] | null {
  if (depth > 8) return null;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) return null;
    const all: Segment[][] = [];
    for (const [i, item] of value.entries()) {
      const inner = pathsIn(item, [...prefix, i], depth + 1);
      if (!inner) return null;
      all.push(...inner);
    }
    return all;
  }
  if (value !== null && typeof value === "object") {
    const all: Segment[][] = [];
    for (const [key, item] of Object.entries(value)) {
      const inner = pathsIn(item, [...prefix, key], depth + 1);
      if (!inner) return null;
      all.push(...inner);
    }
    return all;
  }
  return [prefix];
}
