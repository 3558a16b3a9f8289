import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import appStyles from "~/styles/app.css";
import { useNonce } from "~/components/nonce";
import { SiteHeader, SiteFooter, DemoBanner } from "~/components/layout";
import { SessionTimeoutWarning } from "~/components/session-timeout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { getOptionalUser } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { nowMs } from "~/clock.server";
import { newFormToken } from "~/models/form-token.server";
import { unreadCount } from "~/models/notification.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Signed-out pages (sign-in, errors) share this layout, so the user is optional here;
  // each route guards itself.
  const user = await getOptionalUser(request, context);
  const programme = getProgramme(getDb());
  // A page the cache keeps carries holes for the per-request values; they are filled for each request.
  const holes = context.pageCache?.holes;
  return {
    user: user ? { id: user.id, name: user.name, email: user.email, role: user.role, unread: unreadCount(getDb(), user.id) } : null,
    sessionSecondsLeft: user?.sessionExpiresAt ? (holes?.seconds ?? Math.round((user.sessionExpiresAt - nowMs()) / 1000)) : null,
    demo: programme.isDemo,
    programmeName: programme.name,
    trustName: programme.trustName,
    // This loader runs again after every submission, so each new form gets a fresh token.
    formToken: user ? (holes?.token ?? newFormToken()) : null,
  };
}

// Every page under the root may be kept by the page cache; each route opts in with the same handle.
export const handle = { pageCache: true };

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRootData();
  // Wide pages (the board) opt in with `export const handle = { wide: true }`: every band of the page
  // (header, demo notice, main, footer) widens together, so left edges stay aligned (styles/_layout.scss).
  const wide = useMatches().some((m) => (m.handle as { wide?: boolean } | undefined)?.wide);
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className={wide ? "app-page--wide" : undefined}>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <SiteHeader user={data?.user ?? null} programmeName={data?.programmeName ?? "Stepping Up"} />
        {data?.demo ? <DemoBanner /> : null}
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper" id="maincontent">
            {children}
          </main>
        </div>
        <SiteFooter trustName={data?.trustName ?? ""} />
        {data?.user && data.sessionSecondsLeft !== null ? <SessionTimeoutWarning secondsLeft={data.sessionSecondsLeft} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
