import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";

// Reading a page refreshes the idle clock; this is the smallest page to read.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
