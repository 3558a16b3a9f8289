import { openDatabase, type Db } from "../db/client";
import { getEnv } from "~/env.server";

export type { Db };

// One handle per process, kept on global so dev rebuilds don't open new ones.
const holder = globalThis as unknown as { __steppingUpDb?: Db };

export function getDb(): Db {
  if (!holder.__steppingUpDb) holder.__steppingUpDb = openDatabase(getEnv().DATABASE_URL);
  return holder.__steppingUpDb;
}

export function closeDb() {
  holder.__steppingUpDb?.$client.close();
  holder.__steppingUpDb = undefined;
}
