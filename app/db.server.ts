import { IMMEDIATE, openDatabase, type Db } from "../db/client";
import { getEnv } from "~/env.server";

export { IMMEDIATE, openDatabase, type Db };
// The tables, so models reach the schema through the one database corner.
export * from "../db/schema";

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
