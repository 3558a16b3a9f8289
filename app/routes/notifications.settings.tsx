import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireUser } from "~/auth/guards.server";
import { actorOf } from "~/auth/actor.server";
import { modeLabel, modesFor, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from "~/domain/notification-kinds";
import { NotificationSettingsSchema } from "~/forms/notification-settings";
import { parseFields } from "~/forms/submission.server";
import { listPreferences } from "~/models/notification.server";
import { setPreferences } from "~/models/notification-commands.server";

export const meta: MetaFunction = () => [{ title: "Email settings – Notifications – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { preferences: listPreferences(getDb(), user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseFields(await request.formData(), NotificationSettingsSchema);
  if (!parsed.success) return data({ saved: false, error: "Choose how you hear of each kind" }, { status: 400 });
  const result = setPreferences(
    getDb(),
    actorOf(user, context),
    user.id,
    NOTIFICATION_KINDS.map((kind) => ({ kind, mode: parsed.data[kind] })),
  );
  if (!result.ok) return data({ saved: false, error: result.refused }, { status: result.status });
  return { saved: true, error: "" };
}

export default function NotificationSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>Email settings</h1>
      <p>
        Choose how you hear of each kind of news. Everything also appears in your <Link to="/notifications">notifications</Link>.
      </p>
      {reply?.saved ? <p className="nhsuk-body-l">Your choices are saved.</p> : null}
      {reply?.error ? <p className="nhsuk-error-message">{reply.error}</p> : null}
      <Form method="post">
        {preferences.map((p) => (
          <div className="nhsuk-form-group" key={p.kind}>
            <label className="nhsuk-label" htmlFor={`mode-${p.kind}`}>
              {NOTIFICATION_KIND_LABELS[p.kind]}
            </label>
            <select className="nhsuk-select" id={`mode-${p.kind}`} name={p.kind} defaultValue={p.mode}>
              {modesFor(p.kind).map((m) => (
                <option key={m} value={m}>
                  {modeLabel(p.kind, m)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button className="nhsuk-button" type="submit">
          Save choices
        </button>
      </Form>
    </>
  );
}
