import { Outlet } from "@remix-run/react";

// /pdsa, /pdsa/new and /pdsa/:cycleId share this URL prefix; each page is a child
// (the list and timeline is projects.$projectId.pdsa._index.tsx).
export default function PdsaSection() {
  return <Outlet />;
}
