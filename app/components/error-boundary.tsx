import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "There is a problem with that request",
  403: "You do not have permission to do that",
  404: "Page not found",
  405: "That cannot be changed",
  409: "Someone else changed this",
  413: "That is too large",
  429: "Too many attempts",
};

/** One error page for the app: a helpful message, never internal details (those go to the server log). */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = TITLES[error.status] ?? "Sorry, there is a problem with the service";
    const message =
      typeof error.data === "string" && error.data && error.status < 500
        ? error.data
        : error.status === 404
          ? "If you typed the web address, check it is correct. If you pasted it, check you copied the entire address."
          : "Try again later.";
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{title}</h1>
          <p>{message}</p>
          <p>
            <Link to="/">Go to the Stepping Up home page</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Sorry, there is a problem with the service</h1>
        <p>Try again later. If the problem continues, contact your Stepping Up administrator.</p>
      </div>
    </div>
  );
}
