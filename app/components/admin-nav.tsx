// The Admin area's own navigation, so nothing needs a typed URL.
import { NavLink } from "@remix-run/react";

export const ADMIN_SECTIONS = [
  { to: "/admin/setup", label: "Set-up checklist" },
  { to: "/admin/users", label: "Users" },
  { to: "/admin/programme", label: "Programme set-up" },
  { to: "/admin/import/people", label: "Imports" },
  { to: "/admin/export", label: "Export" },
  { to: "/admin/audit", label: "Audit trail" },
  { to: "/admin/outbox", label: "Email outbox" },
] as const;

export function AdminNav({ sections = ADMIN_SECTIONS }: { sections?: readonly { to: string; label: string }[] }) {
  return (
    <nav className="app-subnav" aria-label="Admin">
      <ul className="app-subnav__list">
        {sections.map((s) => (
          <li key={s.to} className="app-subnav__item">
            <NavLink to={s.to} className="app-subnav__link" end={false}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
