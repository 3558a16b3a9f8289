// /wins/newsletter?month=YYYY-MM: "This month in Stepping Up", a month's confirmed wins grouped by division or
// theme, to print for notice boards and the trust newsletter (ADR 101). The month chooser is a GET form (no
// JavaScript needed); a month that cannot be read is a 400 with the chooser to pick another.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummaryBox, InsetText, Pagination } from "~/components/nhs";
import { getDb } from "~/db.server";
import { requireUser } from "~/auth/guards.server";
import {
  BAD_MONTH_MESSAGE,
  evidenceHref,
  monthName,
  monthOf,
  monthsUpTo,
  nextMonth,
  parseMonth,
  previousMonth,
  WIN_KIND_LABELS,
  winsHeadline,
} from "~/domain/wins-month";
import { plural } from "~/domain/plural";
import { getProgramme } from "~/models/programme.server";
import { firstWinMonth, listWinsOfMonth, type MonthWin } from "~/models/wins-month.server";
import { today as getToday } from "~/today.server";
import { formatDateTime } from "~/web/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.month ? winsHeadline(data.month) : "This month in Stepping Up"} – Wins – Stepping Up` },
];

const GROUPINGS = { division: "Division", theme: "Theme" } as const;
type Grouping = keyof typeof GROUPINGS;
const NONE: Record<Grouping, string> = { division: "No division", theme: "No theme" };

function groupWins(wins: MonthWin[], by: Grouping) {
  const groups = new Map<string, MonthWin[]>();
  for (const w of wins) {
    const name = w[by] ?? "";
    groups.set(name, [...(groups.get(name) ?? []), w]);
  }
  return [...groups].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b))).map(([name, list]) => ({ name: name || NONE[by], wins: list }));
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const programme = getProgramme(db);
  const params = new URL(request.url).searchParams;
  const current = monthOf(getToday());
  const by: Grouping = params.get("by") === "theme" ? "theme" : "division";
  const asked = params.get("month");
  const month = asked === null || asked.trim() === "" ? current : parseMonth(asked);
  const months = monthsUpTo(current, firstWinMonth(db, programme.id));
  const page = { trustName: programme.trustName, programmeName: programme.name, current, by };
  if (!month) return data({ ...page, month: null, months, error: BAD_MONTH_MESSAGE, total: 0, groups: [] }, { status: 400 });
  const wins = listWinsOfMonth(db, programme.id, month);
  return {
    ...page,
    month,
    months: months.includes(month) ? months : [...months, month].sort().reverse(),
    error: null,
    total: wins.length,
    groups: groupWins(wins, by),
  };
}

export default function WinsNewsletter() {
  const { trustName, programmeName, current, by, month, months, error, total, groups } = useLoaderData<typeof loader>();
  const href = (m: string) => `/wins/newsletter?month=${m}${by === "division" ? "" : `&by=${by}`}`;
  return (
    <article className="app-newsletter" aria-labelledby="newsletter-title">
      <p className="app-no-print">
        <Link to="/wins">Back to wins</Link>
      </p>
      <p className="nhsuk-caption-l app-newsletter__from">
        {trustName} · {programmeName}
      </p>
      <h1 id="newsletter-title">{month ? winsHeadline(month) : "This month in Stepping Up"}</h1>

      {error ? (
        <ErrorSummaryBox errors={[{ text: error, href: "#newsletter-month" }]}>
          <p>
            We could not read that month. <Link to="/wins/newsletter">See this month&apos;s wins</Link>, or choose a month below.
          </p>
        </ErrorSummaryBox>
      ) : null}

      <Form method="get" action="/wins/newsletter" className="app-no-print app-newsletter__chooser" aria-label="Choose a month">
        <div className="app-definition-grid">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="newsletter-month">
              Month
            </label>
            <select className="nhsuk-select" id="newsletter-month" name="month" defaultValue={month ?? current}>
              {months.map((m) => (
                <option key={m} value={m}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="newsletter-by">
              Group wins by
            </label>
            <select className="nhsuk-select" id="newsletter-by" name="by" defaultValue={by}>
              {(Object.keys(GROUPINGS) as Grouping[]).map((g) => (
                <option key={g} value={g}>
                  {GROUPINGS[g]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Show
        </button>
      </Form>

      {month ? (
        <>
          {total === 0 ? (
            <InsetText>
              <p>
                No wins were confirmed in {monthName(month)}
                {month === current ? " yet" : ""}. When a measure improves, a milestone is completed or a change is adopted, the project team confirms the win
                on its project&apos;s Wins page, and it appears here.
              </p>
            </InsetText>
          ) : (
            <>
              <p className="nhsuk-lede-text">
                {plural(total, "win")} confirmed by the programme&apos;s teams in {monthName(month)}, each with its evidence. Well done to everyone involved.
              </p>
              {groups.map((g, i) => (
                <section key={g.name} className="app-newsletter__group" aria-labelledby={`newsletter-group-${i}`}>
                  <h2 id={`newsletter-group-${i}`}>{g.name}</h2>
                  {g.wins.map((w) => (
                    <NewsletterWin key={w.id} win={w} />
                  ))}
                </section>
              ))}
            </>
          )}
          <div className="app-no-print">
            <Pagination
              page={2}
              pages={month < current ? 3 : 2}
              href={(p) => href(p === 1 ? previousMonth(month) : nextMonth(month))}
              label="Other months"
              previous="Previous month"
              next="Next month"
              pageText={(p) => monthName(p === 1 ? previousMonth(month) : nextMonth(month))}
            />
            <p className="nhsuk-body-s">Print this page (or save it as PDF) from your browser: it fits A4 paper, without the site&apos;s menus.</p>
          </div>
        </>
      ) : null}
    </article>
  );
}

function NewsletterWin({ win }: { win: MonthWin }) {
  const evidence = evidenceHref(win.projectId, win.evidenceRef);
  return (
    <div className="app-newsletter__win">
      <h3 className="nhsuk-heading-m app-newsletter__win-title">{win.title}</h3>
      <dl className="app-newsletter__facts">
        <dt>Project</dt>
        <dd>
          <Link to={`/projects/${win.projectId}/wins`}>{win.projectTitle}</Link>
        </dd>
        <dt>Team</dt>
        <dd>{win.team.length ? win.team.join("; ") : "No team recorded"}</dd>
        {win.description ? (
          <>
            <dt>What changed</dt>
            <dd className="app-pre-line">{win.description}</dd>
          </>
        ) : null}
        <dt>Evidence</dt>
        <dd>
          {WIN_KIND_LABELS[win.evidenceKind]}
          {win.measured ? `: ${win.measured}` : !evidence && win.evidenceRef ? `: ${win.evidenceRef}` : ""}
          {evidence ? (
            <>
              {" "}
              <Link className="app-no-print" to={evidence}>
                See the evidence<span className="nhsuk-u-visually-hidden"> for {win.title}</span>
              </Link>
            </>
          ) : null}
        </dd>
        <dt>Confirmed</dt>
        <dd>
          {formatDateTime(win.at)}
          {win.confirmedByName ? ` by ${win.confirmedByName}` : ""}
        </dd>
      </dl>
    </div>
  );
}
