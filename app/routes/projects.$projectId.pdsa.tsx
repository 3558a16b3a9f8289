import { Outlet } from "@remix-run/react";

// /pdsa, /pdsa/new and /pdsa/:cycleId share this URL prefix; each page is a child
// (the list and timeline is projects.$projectId.pdsa._index.tsx).
export default function PdsaSection() {
  return <Outlet />;
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
