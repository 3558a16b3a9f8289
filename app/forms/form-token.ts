// The one-time token every create form carries (see ADR 008). Shared by the forms' schemas
// (which accept only the fields they name) and the hidden field that sends it.
import { z } from "zod";

export const FORM_TOKEN_FIELD = "formToken";

/**
 * Optional: a client that sends none still gets its record, just without replay protection.
 * Use as `[FORM_TOKEN_FIELD]: formToken()` in a create form's schema.
 */
export const formToken = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, "This form has expired. Reload the page and try again")
    .optional();
