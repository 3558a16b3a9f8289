import { useRouteLoaderData } from "@remix-run/react";
import { FORM_TOKEN_FIELD } from "~/forms/form-token";

/**
 * The hidden one-time token of a create form. It comes from the root loader, which runs again
 * after every submission, so each fresh form gets a new token while a double click or a
 * resubmission of the same page sends the same one.
 */
export function FormToken() {
  const token = useRouteLoaderData<{ formToken: string | null }>("root")?.formToken;
  return token ? <input type="hidden" name={FORM_TOKEN_FIELD} value={token} /> : null;
}
