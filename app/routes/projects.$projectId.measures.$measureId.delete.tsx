import { parseFields } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormButtons, WarningCallout } from "~/components/nhs";
import { ConflictNotice } from "~/components/conflict-notice";
import { badRequest, requireMeasureEditor } from "~/auth/guards.server";
import { DeleteMeasureSchema } from "~/forms/measure-form";
import { countPoints } from "~/models/measure.server";
import { deleteMeasure } from "~/models/measure-commands.server";
import { actorOf } from "~/auth/actor.server";
import { refusal } from "~/web/command-reply.server";

export const meta: MetaFunction = () => [{ title: "Delete a measure – Stepping Up" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, measure, base } = await requireMeasureEditor(request, context, params);
  return {
    base,
    name: measure.name,
    isPrimary: measure.isPrimary,
    version: measure.version,
    points: countPoints(db, measure.id),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, db, measure, projectId } = await requireMeasureEditor(request, context, params);
  const formData = await request.formData();
  const parsed = parseFields(formData, DeleteMeasureSchema);
  if (!parsed.success) badRequest("That request was not understood. Reload the page and try again.");
  const deleted = deleteMeasure(db, actorOf(user, context), { measure, version: parsed.data.version });
  if (!deleted.ok) {
    if ("refused" in deleted) refusal(deleted);
    return data({ conflict: deleted.conflict, version: deleted.conflict.currentVersion }, { status: 409 });
  }
  return redirect(`/projects/${projectId}/measures?deleted=${measure.id}`);
}

export default function DeleteMeasure() {
  const { base, name, isPrimary, version, points } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConflictNotice conflict={actionData?.conflict} />
        <h2>Delete the measure “{name}”?</h2>
        <WarningCallout heading="What deleting does">
          <p>
            The measure and its chart disappear from the project and the programme board
            {points > 0 ? `, with its ${points.toLocaleString("en-GB")} ${points === 1 ? "value" : "values"}` : ""}.
            {isPrimary ? " It is the primary measure, so the project will have no primary measure until you choose another." : ""}
          </p>
          <p>PDSA cycles judged on it keep the link, and the audit trail keeps the record of the deletion.</p>
        </WarningCallout>
        <Form method="post">
          <input type="hidden" name="version" value={actionData?.version ?? version} />
          <FormButtons submit="Delete the measure" cancelTo={base} cancelLabel="No, keep it" warning />
        </Form>
      </div>
    </div>
  );
}

// An error inside the project keeps the project's title and workbook navigation around it.
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
