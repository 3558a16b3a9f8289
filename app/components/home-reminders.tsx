// The home page's "my work" from the notification centre's source (ADR 068): what is coming up before the
// board would see a flag (today's reminders), and the person's unread notifications.
import { Form, Link } from "@remix-run/react";
import { Tag } from "~/components/nhs";
import { formatDateTime } from "~/web/dates";

export type HomeReminder = {
  key: string;
  title: string;
  body: string;
  link: string;
  projectTitle: string | null;
  dueOn: string;
  overdue: boolean;
};

export function MyReminders({ reminders }: { reminders: HomeReminder[] }) {
  if (reminders.length === 0) {
    return (
      <p className="app-muted">
        Nothing is due in the next 7 days. Status reports, PDSA cycles, milestones, actions and asks waiting for your answer appear here a week before the board
        would see them flagged.
      </p>
    );
  }
  return (
    <ul className="nhsuk-list nhsuk-list--border">
      {reminders.map((r) => (
        <li key={r.key}>
          <Link to={r.link}>{r.title}</Link>
          {r.overdue ? (
            <Tag colour="red" className="nhsuk-u-margin-left-2">
              Overdue
            </Tag>
          ) : null}
          <span className="nhsuk-body-s app-home-meta">
            {r.projectTitle ? `${r.projectTitle} · ` : ""}
            {r.body}
          </span>
        </li>
      ))}
    </ul>
  );
}

export type HomeNotification = { id: number; title: string; body: string; projectTitle: string | null; createdAt: string | Date };

export function MyUnread({ items, unread }: { items: HomeNotification[]; unread: number }) {
  if (unread === 0) {
    return (
      <p className="app-muted">
        Nothing new. <Link to="/notifications">See all notifications</Link>
      </p>
    );
  }
  return (
    <>
      <ul className="nhsuk-list nhsuk-list--border">
        {items.map((n) => (
          <li key={n.id}>
            <Form method="post" action="/notifications" className="app-inline-form">
              <input type="hidden" name="intent" value="open" />
              <input type="hidden" name="id" value={n.id} />
              <button type="submit" className="app-link-button">
                {n.title}
              </button>
            </Form>
            <span className="nhsuk-body-s app-home-meta">
              {n.body ? `${n.body} · ` : ""}
              {formatDateTime(n.createdAt)}
              {n.projectTitle ? ` · ${n.projectTitle}` : ""}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/notifications">{unread === 1 ? "See your unread notification" : `See all ${unread} unread notifications`}</Link>
      </p>
    </>
  );
}
