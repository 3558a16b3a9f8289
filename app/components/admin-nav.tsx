// The Admin area's own navigation, so nothing needs a typed URL.
import { NavLink, useLocation } from "@remix-run/react";

export const ADMIN_SECTIONS = [
  { to: "/admin/setup", label: "Set-up checklist" },
  { to: "/admin/users", label: "Users" },
  { to: "/admin/programme", label: "Programme set-up" },
  { to: "/admin/import/people", label: "Imports", within: "/admin/import/" },
  { to: "/admin/export", label: "Export" },
  { to: "/admin/audit", label: "Audit trail" },
  { to: "/admin/outbox", label: "Email outbox" },
] as const;

type Section = { to: string; label: string; /** Every page under this path belongs to the section. */ within?: string };

/** The imports (people, projects), reached from the Admin area's "Imports" and from each other. */
export const IMPORT_SECTIONS: readonly Section[] = [
  { to: "/admin/import/people", label: "Import people" },
  { to: "/admin/import/projects", label: "Import projects and their history" },
];

export function AdminNav({ sections = ADMIN_SECTIONS, label = "Admin" }: { sections?: readonly Section[]; label?: string }) {
  const { pathname } = useLocation();
  return (
    <nav className="app-subnav" aria-label={label}>
      <ul className="app-subnav__list">
        {sections.map((s) => (
          <li key={s.to} className="app-subnav__item">
            <NavLink
              to={s.to}
              className={({ isActive }) => `app-subnav__link${isActive || (s.within && pathname.startsWith(s.within)) ? " active" : ""}`}
              aria-current={s.within && pathname.startsWith(s.within) ? "page" : undefined}
              end={false}
            >
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
