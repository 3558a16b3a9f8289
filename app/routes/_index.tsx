import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HomeBrief } from "~/components/home-brief";
import { MyActions, MyAsks, MyProjects } from "~/components/home-my-work";
import { MyReminders, MyUnread } from "~/components/home-reminders";
import { WinList } from "~/components/win-list";
import { InsetText } from "~/components/nhs";
import { ProposalQueue } from "~/components/proposal-queue";
import { getDb } from "~/db.server";
import { canAdminister, canGovern, canPropose } from "~/domain/permissions";
import { requireUser } from "~/auth/guards.server";
import { today as getToday } from "~/today.server";
import { listOpenAsks } from "~/models/ask.server";
import { countWaitingAsks } from "~/domain/ask-rules";
import { listMyOpenActions, listMyProjects, listMyUnreadNotifications, programmeInBrief } from "~/models/home.server";
import { unreadCount } from "~/models/notification.server";
import { myReminders } from "~/models/reminder.server";
import { freshProgramme, isDemoProgramme } from "~/models/programme.server";
import { listProposalsAwaitingDecision } from "~/models/proposal-queue.server";
import { listRecentWins } from "~/models/win.server";
import { getSetupChecklist } from "~/models/setup-checklist.server";

export const meta: MetaFunction = () => [{ title: "Home – Stepping Up" }];

const RECENT_WINS = 5;

// Kept by the page cache between changes (ADR 126).
export const handle = { pageCache: true };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const programme = freshProgramme(db, today);
  const governs = canGovern(user);
  return {
    today,
    name: user.name,
    programmeName: programme.name,
    canPropose: canPropose(user),
    wins: listRecentWins(db, programme.id, RECENT_WINS),
    brief: programmeInBrief(db, programme.id),
    myProjects: listMyProjects(db, programme.id, user.id),
    myActions: listMyOpenActions(db, programme.id, user.id),
    // "My work" reads what the notification centre reads: today's reminders and the unread notifications (ADR 068).
    myReminders: myReminders(db, programme.id, today, user.id).map(({ key, title, body, link, projectTitle, dueOn, overdue }) => ({
      key,
      title,
      body,
      link,
      projectTitle,
      dueOn,
      overdue,
    })),
    myUnread: listMyUnreadNotifications(db, user.id),
    unread: unreadCount(db, user.id),
    myAsks: listOpenAsks(db, { programmeId: programme.id, to: { userId: user.id } }),
    boardAsks: governs ? countWaitingAsks(listOpenAsks(db, { programmeId: programme.id, to: { board: true } })) : null,
    proposals: governs ? listProposalsAwaitingDecision(db, programme.id) : null,
    setup: canAdminister(user) && !isDemoProgramme(db) ? setupProgress(getSetupChecklist(db, programme.id)) : null,
  };
}

/** An admin sees the set-up checklist on the home page until every step is done. */
function setupProgress(steps: { done: boolean }[]) {
  const done = steps.filter((s) => s.done).length;
  return done === steps.length ? null : { done, total: steps.length };
}

export default function Home() {
  const { today, name, programmeName, canPropose, wins, brief, myProjects, myActions, myReminders, myUnread, unread, myAsks, boardAsks, proposals, setup } =
    useLoaderData<typeof loader>();
  // Approved and waiting to start: the lead is told the workbook is theirs to edit now.
  const approvedForMe = myProjects.filter((p) => p.stage === "approved" && p.roles.some((r) => r !== "member"));
  return (
    <>
      <h1>
        <span className="nhsuk-caption-l">{programmeName}</span>
        Welcome, {name}
      </h1>

      {setup ? (
        <InsetText className="app-setup-prompt">
          <h2 className="nhsuk-heading-s">Set up your trust</h2>
          <p>
            {setup.done} of {setup.total} steps done. <Link to="/admin/setup">Open the set-up checklist</Link>
          </p>
        </InsetText>
      ) : null}
      {canPropose ? (
        <p className="app-propose-link">
          <Link className="nhsuk-button nhsuk-button--secondary" to="/projects/new">
            Propose a project
          </Link>
        </p>
      ) : null}
      {approvedForMe.length ? (
        <InsetText className="app-approved-lead">
          <h2 className="nhsuk-heading-s">
            {approvedForMe.length === 1 ? "Your project was approved: you can edit it now" : "Your projects were approved: you can edit them now"}
          </h2>
          <ul className="nhsuk-list">
            {approvedForMe.map((p) => (
              <li key={p.projectId}>
                <Link to={`/projects/${p.projectId}`}>{p.title}</Link>: complete the charter, name the team and add measures
              </li>
            ))}
          </ul>
        </InsetText>
      ) : null}
      {proposals ? <ProposalQueue proposals={proposals} headingId="home-proposals" /> : null}

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <section aria-labelledby="home-my-reminders">
            <h2 id="home-my-reminders">Coming up</h2>
            <MyReminders reminders={myReminders} />
          </section>
          <section aria-labelledby="home-my-notifications">
            <h2 id="home-my-notifications">New for you</h2>
            <MyUnread items={myUnread} unread={unread} />
          </section>
          <section aria-labelledby="home-my-projects">
            <h2 id="home-my-projects">My projects</h2>
            <MyProjects projects={myProjects} canPropose={canPropose} />
          </section>
          <section aria-labelledby="home-my-actions">
            <h2 id="home-my-actions">My open actions</h2>
            <MyActions actions={myActions} today={today} />
          </section>
          <section aria-labelledby="home-my-asks">
            <h2 id="home-my-asks">My asks</h2>
            <MyAsks asks={myAsks} boardAsks={boardAsks} today={today} />
          </section>
        </div>
        <div className="nhsuk-grid-column-one-third">
          <section aria-labelledby="home-wins" className="app-home-wins">
            <h2 id="home-wins">Recent wins</h2>
            {wins.length ? (
              <>
                <WinList wins={wins} showProject />
                <p>
                  <Link to="/wins">See all wins</Link>
                </p>
              </>
            ) : (
              <p className="app-muted">
                No wins yet. When a measure improves, a milestone is completed or a change is adopted, the project team confirms the win on its project&apos;s
                Wins page and it is celebrated here.
              </p>
            )}
          </section>
        </div>
      </div>

      <section aria-labelledby="home-brief">
        <h2 id="home-brief">The programme in brief</h2>
        <HomeBrief brief={brief} />
        <p>
          <Link to="/board">Open the programme board</Link>
        </p>
      </section>
    </>
  );
}
