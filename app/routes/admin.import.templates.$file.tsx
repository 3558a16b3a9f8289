// The portfolio import's templates (ADR 090): /admin/import/templates/<kind>.csv, the header row and an example row.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canAdminister } from "~/domain/permissions";
import { notFound, requirePermission } from "~/auth/guards.server";
import { IMPORT_KINDS, IMPORT_TEMPLATES } from "~/forms/project-import-template";
import { toCsv } from "~/web/csv";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "import projects");
  const kind = IMPORT_KINDS.find((k) => params.file === `${k}.csv`);
  if (!kind) notFound("template");
  const { header, example } = IMPORT_TEMPLATES[kind];
  return new Response(`\uFEFF${toCsv([...header], [[...example]])}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stepping-up-${kind}-template.csv"`,
    },
  });
}
