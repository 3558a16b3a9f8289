// npm run user:create -- --email you@trust.nhs.uk --role admin [--name "Your Name"]
// The password comes from a prompt, or from standard input when piped.
import readline from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getEnv } from "../app/env.server";
import { ROLES } from "../app/domain/enums";
import { hashPassword, passwordProblem } from "../app/auth/password.server";
import { recordAudit } from "../app/models/audit.server";
import { emailTaken, insertUser, normaliseEmail } from "../app/models/user.server";
import { ensureProgramme } from "../app/models/programme.server";
import { openDatabase } from "../db/client";
import { defaultMigrationsFolder, runMigrations } from "../db/migrate";

// The database, its backups and secrets are readable by their owner only.
process.umask(0o077);

const Args = z.object({
  email: z.string().trim().email("--email must be an email address"),
  role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(", ")}` }),
  name: z.string().trim().min(1).max(200).optional(),
});

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return "";
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  process.stdout.write("Password (input hidden): ");
  output._writeToOutput = () => {}; // keep the password off the screen
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("\n"));
  const { email, role } = parsed.data;
  const name = parsed.data.name ?? email.split("@")[0].replace(/[._-]+/g, " ");

  const db = openDatabase(getEnv().DATABASE_URL);
  runMigrations(db, defaultMigrationsFolder);
  ensureProgramme(db);
  if (emailTaken(db, email)) throw new Error(`An account for ${normaliseEmail(email)} already exists`);
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  const id = insertUser(db, {
    email,
    name,
    role,
    passwordHash: await hashPassword(password),
    mustChangePassword: false,
  });
  recordAudit(db, {
    action: "user.created",
    actorEmail: "command line",
    entityType: "user",
    entityId: id,
    summary: `Created ${normaliseEmail(email)} (${role}) from the command line`,
  });
  db.$client.close();
  console.log(`Created ${normaliseEmail(email)} with role ${role}.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
