// The Admin area: its navigation above each admin page. Each page guards itself (admins only).
import { Outlet } from "@remix-run/react";
import { AdminNav } from "~/components/admin-nav";

export default function AdminLayout() {
  return (
    <>
      <AdminNav />
      <Outlet />
    </>
  );
}
