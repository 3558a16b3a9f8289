// An empty trust (no demo) with its first admin, as `npm run user:create` would leave it.
import { hashPassword } from "../../app/auth/password.server";
import { insertUser } from "../../app/models/user.server";
import { Client, startTestServer, type TestServer } from "./server";

export const ADMIN_EMAIL = "head.of.qi@trust.example";
export const ADMIN_PASSWORD = "kettle lantern orchard seventeen";

export async function startEmptyTrust(opts: { env?: Record<string, string> } = {}): Promise<{ server: TestServer; admin: Client; adminId: number }> {
  // Two-factor sign-in for admins is tested on its own (two-factor.test.ts); here the admin signs in with a password.
  const server = await startTestServer({ demo: false, env: { MFA_REQUIRED_ROLES: "none", ...opts.env } });
  const adminId = insertUser(server.db as never, {
    email: ADMIN_EMAIL,
    name: "Head of QI",
    role: "admin",
    passwordHash: await hashPassword(ADMIN_PASSWORD),
    mustChangePassword: false,
  });
  const admin = await Client.signedIn(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  return { server, admin, adminId };
}
