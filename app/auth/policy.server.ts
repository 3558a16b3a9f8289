// Who must use what to sign in: the second factor's required roles and whether local passwords are
// allowed. Loaded at start-up (boot.server.ts), after the database says whether this is the demo.
import { getEnv } from "~/env.server";
import { ROLES, type Role } from "~/domain/enums";

let demoMode: boolean | undefined;

function parseRoles(value: string): Role[] {
  if (value.trim() === "none") return [];
  const roles = value.split(",").map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`MFA_REQUIRED_ROLES names unknown roles: ${unknown.join(", ")} (roles are ${ROLES.join(", ")}, or none)`);
  return roles as Role[];
}

/**
 * MFA_REQUIRED_ROLES defaults to `admin` for a real trust. The demo turns the default off explicitly,
 * so `npm start` and the printed demo accounts sign in with a password alone; a demo that sets the
 * variable gets what it says.
 */
export function loadSignInPolicy(isDemo: boolean) {
  demoMode = isDemo;
  mfaRequiredRoles(); // an unknown role stops the start
}

export function mfaRequiredRoles(): Role[] {
  const value = getEnv().MFA_REQUIRED_ROLES;
  if (value !== undefined) return parseRoles(value);
  return demoMode ? [] : ["admin"];
}

/** A password sign-in of this role must be followed by an authenticator code (enrolled at once if need be). */
export const secondFactorRequired = (role: Role) => mfaRequiredRoles().includes(role);

/** AUTH_LOCAL=0 keeps passwords for break-glass accounts only. */
export const localPasswordAllowed = (account: { breakGlass: boolean }) => getEnv().AUTH_LOCAL === "1" || account.breakGlass;
