import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { canAdminister } from "~/domain/permissions";
import { requirePermission } from "~/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "open the admin pages");
  return redirect("/admin/users");
}
