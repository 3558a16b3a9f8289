import { Outlet } from "@remix-run/react";

// /measures, /measures/new and /measures/:measureId share this URL prefix; each page is a
// child (the list is projects.$projectId.measures._index.tsx).
// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export default function MeasuresSection() {
  return <Outlet />;
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
