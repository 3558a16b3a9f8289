// The state of the whole database as this process sees it, and answers kept while it holds (ADR 126, 128).
import type { Db } from "~/db.server";

type Client = Db["$client"];
const statements = new WeakMap<Client, { changes: { pluck: () => { get: () => unknown } } }>();

/**
 * `data_version` moves when another connection (a worker, a script) commits, `total_changes()` when this
 * one writes: while both hold, every query gives what it gave before.
 */
export function dataVersion(db: Db): string {
  const client = db.$client;
  let st = statements.get(client);
  if (!st) {
    st = { changes: client.prepare("select total_changes()") };
    statements.set(client, st);
  }
  return `${client.pragma("data_version", { simple: true })}.${st.changes.pluck().get()}`;
}

/**
 * Up to `limit` answers of a query, kept per database until anything is written, most recently used
 * last. Only for answers that depend on nothing but the database and the key.
 */
export function keptWhileUnchanged<T>(limit: number) {
  const states = new WeakMap<Client, { version: string; kept: Map<string, T> }>();
  return (db: Db, key: string, compute: () => T): T => {
    const version = dataVersion(db);
    let state = states.get(db.$client);
    if (!state || state.version !== version) {
      state = { version, kept: new Map() };
      states.set(db.$client, state);
    }
    const hit = state.kept.get(key);
    if (hit !== undefined) {
      state.kept.delete(key);
      state.kept.set(key, hit);
      return hit;
    }
    const value = compute();
    state.kept.set(key, value);
    if (state.kept.size > limit) state.kept.delete(state.kept.keys().next().value as string);
    return value;
  };
}
