// The driver diagram as a standalone SVG file (A4 landscape), for slides, posters and the workbook.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { requireUser } from "~/auth/guards.server";
import { projectFromUrl } from "~/auth/project-page.server";
import { DriverDiagramSvg } from "~/components/driver-diagram";
import { getDiagram } from "~/models/driver.server";
import { diagramView } from "~/web/driver-view";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { db, projectId, header } = projectFromUrl(params);
  const markup = renderToStaticMarkup(<DriverDiagramSvg d={diagramView(getDiagram(db, projectId))} title={`Driver diagram: ${header.title}`} />);
  const slug =
    header.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "project";
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${markup}`, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="driver-diagram-${slug}.svg"`,
      "Cache-Control": "private, no-store",
    },
  });
}
