// GET /auth/oidc starts single sign-on: a redirect to the organisation's OpenID provider.
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser, notFound } from "~/auth/guards.server";
import { oidcSettings, startOidc } from "~/auth/oidc.server";
import { safeRedirect } from "~/auth/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const settings = oidcSettings();
  if (!settings) notFound();
  const target = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getOptionalUser(request, context)) return redirect(target);
  try {
    const { url, cookie } = await startOidc(context, settings, target);
    return redirect(url, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    console.warn("Single sign-on: the provider could not be reached", error instanceof Error ? error.message : error);
    throw data("Your organisation's sign-in service cannot be reached just now. Try again in a few minutes.", { status: 503 });
  }
}
