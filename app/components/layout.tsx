import { Form, NavLink, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from "react";
import type { Role } from "~/domain/enums";

/** On a phone the header bar keeps this many links; the rest are under "More" (styles/_layout.scss). */
export const PHONE_BAR_LINKS = 3;

const NAV = [
  { to: "/board", label: "Board" },
  { to: "/meetings", label: "Meetings" },
  { to: "/projects", label: "Projects" },
  { to: "/changes", label: "Change package" },
  { to: "/waves", label: "Waves" },
  { to: "/pulse", label: "Pulse Check" },
  { to: "/conversations", label: "Big Conversations" },
  { to: "/asks", label: "Asks" },
  { to: "/cqc", label: "CQC" },
  { to: "/spc", label: "SPC calculator" },
];

export function SiteHeader({ user, programmeName }: { user: { name: string; role: Role; unread?: number } | null; programmeName: string }) {
  const items = user ? [...NAV, ...(user.role === "admin" ? [{ to: "/admin", label: "Admin" }] : [])] : [];
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label={`${programmeName} home`}>
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              role="img"
              aria-label="NHS"
            >
              <title>NHS</title>
              <path
                fill="currentcolor"
                d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
              />
            </svg>
            <span className="nhsuk-header__service-name">{programmeName}</span>
          </Link>
        </div>
        {user ? <HeaderSearch /> : null}
        {user ? (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">
                <Link className="nhsuk-header__account-link" to="/notifications">
                  Notifications
                  {user.unread ? (
                    <>
                      {" "}
                      <span className="app-unread-count">{user.unread}</span>
                      <span className="nhsuk-u-visually-hidden"> unread</span>
                    </>
                  ) : null}
                </Link>
              </li>
              <li className="nhsuk-header__account-item">
                <Link className="nhsuk-header__account-link" to="/account/password">
                  {user.name}
                </Link>
              </li>
              <li className="nhsuk-header__account-item">
                <Form className="nhsuk-header__account-form" action="/logout" method="post">
                  <button className="nhsuk-header__account-button" type="submit">
                    Sign out
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
      {items.length ? (
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {items.map((item, i) => (
                <li key={item.to} className={`nhsuk-header__navigation-item${i >= PHONE_BAR_LINKS ? " app-header__item--overflow" : ""}`}>
                  <NavLink className="nhsuk-header__navigation-link" to={item.to}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
              {items.length > PHONE_BAR_LINKS ? <HeaderMenu items={items.slice(PHONE_BAR_LINKS)} /> : null}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}

/**
 * nhsuk-frontend 10's header search, searching the portfolio's learning (/learning). On a phone the box
 * would make the header too tall: a "Search" link in the logo's row opens /learning, which has the box.
 */
function HeaderSearch() {
  return (
    <>
      <Link className="app-header-search-link" to="/learning">
        Search<span className="nhsuk-u-visually-hidden"> the learning</span>
      </Link>
      <HeaderSearchForm />
    </>
  );
}

function HeaderSearchForm() {
  return (
    <div className="nhsuk-header__search app-header-search" role="search" aria-label="Search the learning">
      <Form className="nhsuk-header__search-form" id="search" action="/learning" method="get" noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor="search-field">
            Search what teams learned
          </label>
          <div className="nhsuk-input-wrapper">
            <input className="nhsuk-input" id="search-field" name="q" type="search" autoComplete="off" placeholder="Search learning" maxLength={200} />
            <button className="nhsuk-button nhsuk-button--icon nhsuk-button--small" type="submit" aria-label="Search">
              <svg
                className="nhsuk-icon nhsuk-icon--search"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 24 24"
                width="16"
                height="16"
                focusable="false"
                aria-hidden="true"
              >
                <path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z" />
              </svg>
            </button>
          </div>
        </div>
      </Form>
    </div>
  );
}

/**
 * nhsuk-frontend 10's header menu ("More") for phones, as a disclosure: it opens without JavaScript, and
 * once the page is live it closes on Escape and after a link is followed. The links in it are the bar's
 * overflow items, which CSS hides on phones; from tablet width the menu is hidden and the bar shows all.
 */
function HeaderMenu({ items }: { items: readonly { to: string; label: string }[] }) {
  const details = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    details.current?.removeAttribute("open");
  }, [pathname]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !details.current?.open) return;
    details.current.removeAttribute("open");
    details.current.querySelector("summary")?.focus();
  };
  // Closing on the click itself (not only when the path changes) hides the menu while the next page loads.
  const closeOnLink = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest("a")) details.current?.removeAttribute("open");
  };
  return (
    <li className="nhsuk-header__menu app-header-menu">
      <details ref={details} className="app-header-menu__details" onKeyDown={closeOnEscape}>
        <summary className="nhsuk-header__menu-toggle nhsuk-header__navigation-link app-header-menu__toggle">
          <span className="nhsuk-u-visually-hidden">Browse </span>More
        </summary>
        <ul className="nhsuk-header__menu-list" onClick={closeOnLink}>
          {items.map((item) => (
            <li key={item.to} className="nhsuk-header__navigation-item">
              <NavLink className="nhsuk-header__navigation-link" to={item.to}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

export function DemoBanner() {
  return (
    <div className="app-demo-banner" role="region" aria-label="Demo notice">
      <div className="nhsuk-width-container">
        <p>
          <strong>Demo.</strong> This is a demonstration portfolio with fictional projects and people. Do not enter real data.
        </p>
      </div>
    </div>
  );
}

export function SiteFooter({ trustName }: { trustName: string }) {
  return (
    <footer role="contentinfo">
      <div className="nhsuk-footer">
        <div className="nhsuk-width-container">
          <h2 className="nhsuk-u-visually-hidden">Support links</h2>
          <div className="nhsuk-footer__meta">
            <ul className="nhsuk-footer__list">
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
            </ul>
            <p className="nhsuk-body-s">
              Stepping Up: quality improvement portfolio{trustName ? ` for ${trustName}` : ""}. Quality improvement records must not contain
              patient-identifiable data.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

// The breadcrumb is the kit's; the name stays for the pages that import it from here.
export { Breadcrumb as Breadcrumbs } from "~/components/nhs";
