import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireUser } from "~/auth/guards.server";
import { formatDateTime } from "~/web/dates";
import { safePath } from "~/web/safe-path";
import { listNotifications, unreadCount } from "~/models/notification.server";
import { markAllNotificationsRead, markNotificationRead } from "~/models/notification-commands.server";

export const meta: MetaFunction = () => [{ title: "Notifications – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  return { items: listNotifications(db, user.id), unread: unreadCount(db, user.id) };
}

// Following a notification marks it read and goes to its thing; "mark all read" clears the count.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "all") {
    markAllNotificationsRead(getDb(), user.id);
    return redirect("/notifications");
  }
  const id = Number(form.get("id"));
  if (intent !== "open" || !Number.isInteger(id) || id <= 0) return data({ error: "Choose a notification" }, { status: 400 });
  const result = markNotificationRead(getDb(), user.id, id);
  if (!result.ok) return data({ error: result.refused }, { status: result.status });
  return redirect(safePath(result.value.link, "/notifications"));
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Notifications</h1>
      <p>
        {unread === 0 ? "Nothing unread." : `${unread} unread.`} <Link to="/notifications/settings">Choose which emails you get</Link>
      </p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="all" />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>No notifications yet. You will be told here when you join a team, an ask is answered or addressed to you, or an action is assigned to you.</p>
      ) : (
        <ul className="nhsuk-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "nhsuk-u-margin-bottom-4" : "nhsuk-u-margin-bottom-4 app-notification--unread"}>
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="intent" value="open" />
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="app-link-button">
                  {n.readAt ? "" : <span className="nhsuk-u-visually-hidden">Unread: </span>}
                  {n.title}
                </button>
              </Form>
              {n.body ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{n.body}</p> : null}
              <p className="nhsuk-body-s nhsuk-u-secondary-text-color nhsuk-u-margin-bottom-0">
                {formatDateTime(n.createdAt)}
                {n.projectTitle ? ` · ${n.projectTitle}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
