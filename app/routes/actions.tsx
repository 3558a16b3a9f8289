import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ActionsTable } from "~/components/meeting-actions";
import { DoneNotice } from "~/components/done-notice";
import { ErrorSummaryBox } from "~/components/nhs";
import { getDb } from "~/db.server";
import { requireUser } from "~/auth/guards.server";
import { completeActionFromForm } from "~/web/complete-action.server";
import { today as getToday } from "~/today.server";
import { listOpenActionsFor } from "~/models/action.server";

export const meta: MetaFunction = () => [{ title: "Your actions – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { actions: listOpenActionsFor(getDb(), user.id), today: getToday() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const problem = completeActionFromForm(getDb(), user, context, await request.formData());
  if (problem) return data({ message: problem.message }, { status: problem.status });
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
        <ErrorSummaryBox headingId="actions-problem" focusKey={last}>
          <p>{last.message}</p>
        </ErrorSummaryBox>
      ) : (
        <DoneNotice message={search.get("done") ? "Action marked done. The board will see it at its next meeting." : null} />
      )}
      {actions.length === 0 ? (
        <p className="app-muted">
          You have no open actions. Actions set at <Link to="/meetings">board meetings</Link> appear here when you own them.
        </p>
      ) : null}
      {actions.length ? <ActionsTable caption={`${actions.length} open`} actions={actions} today={today} canComplete={() => true} showMeeting /> : null}
    </>
  );
}
