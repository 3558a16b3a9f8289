// Every write is a command: one function in app/models that runs the transaction, the version
// check, the domain rule, the audit row (which is also the domain event) and the summary refresh.
// Routes only guard, parse, call a command and reply; a lint rule keeps transactions and audit
// rows out of app/routes.
import { IMMEDIATE, type Db } from "~/db.server";
import type { AuditAction } from "~/domain/enums";
import { recordAudit } from "~/models/audit.server";

/** Who does the write, and from where (the audit trail keeps the address). */
export type Actor = { id: number; email: string; ip?: string };
/** Someone not (yet) known as a user, e.g. a failed sign-in: the trail keeps the address typed. */
export type Anonymous = { id: null; email: string; ip?: string };

export type Ok<T> = { ok: true; value: T };
export type Conflicted<C> = { ok: false; conflict: C };
export type Refused = { ok: false; refused: string; status: 400 | 403 | 404 | 409 };
// A command that cannot conflict has no conflict case, so `!result.ok` narrows to Refused.
export type CommandResult<T, C = never> = Ok<T> | ([C] extends [never] ? never : Conflicted<C>) | Refused;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const conflict = <C>(current: C): Conflicted<C> => ({ ok: false, conflict: current });
export const refused = (reason: string, status: Refused["status"] = 400): Refused => ({
  ok: false,
  refused: reason,
  status,
});

/** What happened, as other parts of the app (board summaries, notifications, search) see it. */
export type DomainEvent = {
  action: AuditAction;
  entityType: string;
  entityId?: number | null;
  projectId?: number | null;
  summary: string;
  details?: unknown;
};

type Subscriber = (db: Db, event: DomainEvent & { actor: Actor | null }) => void;
const subscribers = new Set<Subscriber>();

/** Runs `fn` inside the transaction of every later event, so what it writes commits or rolls back with it. */
export function onEvent(fn: Subscriber): () => void {
  subscribers.add(fn);
  return () => subscribers.delete(fn);
}

/** Records a domain event: its audit row, then every subscriber, in the caller's transaction. */
export function record(db: Db, by: Actor | Anonymous | null, event: DomainEvent) {
  const actor = by?.id == null ? null : (by as Actor);
  recordAudit(db, { ...event, actor, actorEmail: by?.email, ip: by?.ip });
  for (const fn of subscribers) fn(db, { ...event, actor });
}

class Rollback {
  constructor(readonly result: Conflicted<unknown> | Refused) {}
}

/**
 * One transaction for the whole command. A refused or conflicting result rolls back anything the
 * command wrote before it found out, so a refusal never leaves half a change behind.
 */
export function runCommand<T, C = never>(db: Db, body: (db: Db) => CommandResult<T, C>): CommandResult<T, C> {
  try {
    return db.transaction(() => {
      const result = body(db);
      if (!result.ok) throw new Rollback(result);
      return result;
    }, IMMEDIATE);
  } catch (error) {
    if (error instanceof Rollback) return error.result as CommandResult<T, C>;
    throw error;
  }
}
