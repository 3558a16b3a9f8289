// The set-up checklist: what a trust fills in on day one, each step with its state and a link.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table, Tag, type TableColumn } from "~/components/nhs";
import { getDb } from "~/db.server";
import { canAdminister } from "~/domain/permissions";
import { requirePermission } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { getSetupChecklist, type SetupStep } from "~/models/setup-checklist.server";

export const meta: MetaFunction = () => [{ title: "Set-up checklist – Admin – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, canAdminister, "open the set-up checklist");
  const db = getDb();
  return { steps: getSetupChecklist(db, getProgramme(db).id) };
}

const COLUMNS: TableColumn<SetupStep>[] = [
  { id: "step", header: "Step", rowHeader: true, cell: (s) => s.label },
  { id: "state", header: "State", cell: (s) => (s.done ? <Tag colour="green">Done</Tag> : <Tag colour="grey">To do</Tag>) },
  { id: "detail", header: "What is there", cell: (s) => s.state },
  {
    id: "link",
    header: "Next",
    cell: (s) => (
      <Link to={s.href}>
        {s.action}
        <span className="nhsuk-u-visually-hidden"> ({s.label})</span>
      </Link>
    ),
  },
];

export default function SetupChecklist() {
  const { steps } = useLoaderData<typeof loader>();
  const done = steps.filter((s) => s.done).length;
  return (
    <>
      <h1>Set-up checklist</h1>
      <p className="nhsuk-lede-text">
        {done === steps.length ? "Every step is done: the trust is ready to go live." : `${done} of ${steps.length} steps done.`}
      </p>
      <p>Work down the list. People and projects can be brought in from a spreadsheet; each import page links its template.</p>
      <Table caption="Set-up steps" captionHidden columns={COLUMNS} rows={steps} rowKey={(s) => s.key} />
    </>
  );
}
