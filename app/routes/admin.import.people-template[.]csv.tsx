// The template for the people import: the header row and one example person.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canAdminister } from "~/domain/permissions";
import { requirePermission } from "~/auth/guards.server";
import { PEOPLE_TEMPLATE_EXAMPLE, PEOPLE_TEMPLATE_HEADER } from "~/forms/people-template";
import { toCsv } from "~/web/csv";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "import people");
  return new Response(`\uFEFF${toCsv([...PEOPLE_TEMPLATE_HEADER], [[...PEOPLE_TEMPLATE_EXAMPLE]])}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="stepping-up-people-template.csv"',
    },
  });
}
