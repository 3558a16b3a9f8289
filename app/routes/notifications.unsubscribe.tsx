import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { NOTIFICATION_KIND_LABELS } from "~/domain/notification-kinds";
import { verifyUnsubscribe } from "~/models/notification-links.server";
import { unsubscribe } from "~/models/notification-commands.server";

// The signed link in every email (RFC 8058): no sign-in needed. A GET only asks; the POST (the button,
// or a mail client's one-click "List-Unsubscribe=One-Click") stops that kind of email.
export const meta: MetaFunction = () => [{ title: "Stop emails – Stepping Up" }];

const INVALID = "This link is not valid. Sign in and choose which emails you get on your notifications page.";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const link = verifyUnsubscribe(params);
  if (!link) return data({ valid: false as const, message: INVALID, kindLabel: "", query: "" }, { status: 404 });
  return { valid: true as const, message: "", kindLabel: NOTIFICATION_KIND_LABELS[link.kind], query: params.toString() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const link = verifyUnsubscribe(new URL(request.url).searchParams);
  if (!link) return data({ done: false, message: INVALID }, { status: 404 });
  const result = unsubscribe(getDb(), { ...link, ip: context.clientIp });
  if (!result.ok) return data({ done: false, message: INVALID }, { status: 404 });
  return { done: true, message: `You will no longer get emails about: ${NOTIFICATION_KIND_LABELS[link.kind].toLowerCase()}.` };
}

export default function Unsubscribe() {
  const { valid, message, kindLabel, query } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <>
      <h1>Stop emails</h1>
      {done ? (
        <p>{done.message}</p>
      ) : !valid ? (
        <p>{message}</p>
      ) : (
        <>
          <p>Stop emails about: {kindLabel.toLowerCase()}?</p>
          <p>You will still see these in the app. You can turn them back on from your notifications page at any time.</p>
          <Form method="post" action={`/notifications/unsubscribe?${query}`}>
            <button className="nhsuk-button" type="submit">
              Stop these emails
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/notifications/settings">Choose which emails you get</Link> (you will need to sign in)
      </p>
    </>
  );
}
