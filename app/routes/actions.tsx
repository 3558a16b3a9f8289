import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { parseSubmission } from "~/forms/submission.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActionsTable } from "~/components/meeting-actions";
import { getDb } from "~/db.server";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { CompleteActionSchema } from "~/forms/meeting-form";
import { today as getToday } from "~/today.server";
import { completeAction, listOpenActionsFor } from "~/models/action.server";

export const meta: MetaFunction = () => [{ title: "Your actions – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { actions: listOpenActionsFor(getDb(), user.id), today: getToday() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseSubmission(await request.formData(), { schema: CompleteActionSchema });
  if (submission.status !== "success") return data({ message: "Choose an action to mark done." }, { status: 400 });
  const parsed = { data: submission.value };
  const outcome = completeAction(getDb(), {
    actor: user,
    actionId: parsed.data.actionId,
    version: parsed.data.actionVersion,
    today: getToday(),
    ip: context.clientIp,
  });
  if (outcome.status === 404) notFound("action");
  if (outcome.status === 403) forbidden(user, context, outcome.message);
  if (outcome.status !== 200) return data({ message: outcome.message }, { status: outcome.status });
  return redirect("/actions?done=1");
}

export default function MyActions() {
  const { actions, today } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [search] = useSearchParams();
  return (
    <>
      <h1>Your actions</h1>
      <p className="nhsuk-lede-text">Actions the programme board gave you, until they are done.</p>
      {last?.message ? (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby="actions-problem" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title" id="actions-problem">
            There is a problem
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{last.message}</p>
          </div>
        </div>
      ) : search.get("done") ? (
        <div className="nhsuk-inset-text" role="status">
          <p>Action marked done. The board will see it at its next meeting.</p>
        </div>
      ) : null}
      {actions.length === 0 ? (
        <p className="app-muted">
          You have no open actions. Actions set at <Link to="/meetings">board meetings</Link> appear here when you own them.
        </p>
      ) : null}
      {actions.length ? <ActionsTable caption={`${actions.length} open`} actions={actions} today={today} canComplete={() => true} showMeeting /> : null}
    </>
  );
}
