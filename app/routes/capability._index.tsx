// QI capability: who is trained in QI and to what level, each team's share of trained members, people
// trained per division over time, and (for the board and admins) recording a person's level (ADR 114).
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, useNhsForm } from "~/components/forms";
import { TrainedByQuarterChart } from "~/components/capability-chart";
import { DoneNotice } from "~/components/done-notice";
import { DateInput, InsetText, Table } from "~/components/nhs";
import { PersonSelectField } from "~/components/person-select";
import { getDb } from "~/db.server";
import { ALREADY_RECORDED, canManageTrainingLevels, canRecordTraining, describeShare, NOT_IN_FUTURE, quarterLabel, UNKNOWN_LEVEL } from "~/domain/capability";
import { UNKNOWN_PERSON } from "~/domain/conversation-rules";
import { RecordTrainingSchema, RemoveRecordSchema } from "~/forms/capability-form";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { badRequest, requirePermission, requireUser } from "~/auth/guards.server";
import { valueOf } from "~/web/command-reply.server";
import { formatDay } from "~/web/dates";
import { recordTraining, removeTrainingRecord } from "~/models/capability-commands.server";
import { currentLevels, listTrainingLevels, listTrainingRecords, teamTrainedShares, trainedPerDivision } from "~/models/capability.server";
import { listPeopleToChoose } from "~/models/people.server";
import { getProgramme } from "~/models/programme.server";
import { today as getToday } from "~/today.server";

export const meta: MetaFunction = () => [{ title: "QI capability – Stepping Up" }];

const RECENT = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const canRecord = canRecordTraining(user);
  const levels = listTrainingLevels(db, programmeId);
  const records = listTrainingRecords(db, programmeId);
  const current = currentLevels(db, programmeId);
  const removeId = Number(new URL(request.url).searchParams.get("remove")) || null;
  return {
    canRecord,
    canManage: canManageTrainingLevels(user),
    levels: levels.map((l) => ({ id: l.id, name: l.name, retired: l.retired, current: current.filter((c) => c.levelName === l.name).length })),
    trained: current.length,
    records: records.slice(0, RECENT),
    totalRecords: records.length,
    toRemove: canRecord && removeId ? (records.find((r) => r.id === removeId) ?? null) : null,
    teams: teamTrainedShares(db, programmeId),
    byQuarter: trainedPerDivision(db, programmeId, getToday()),
    people: canRecord ? listPeopleToChoose(db) : [],
  };
}

const FIELD_OF: Record<string, "userId" | "levelId" | "achievedOn"> = {
  [UNKNOWN_PERSON]: "userId",
  [UNKNOWN_LEVEL]: "levelId",
  [NOT_IN_FUTURE]: "achievedOn",
  [ALREADY_RECORDED]: "levelId",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, canRecordTraining, "record QI training");
  const db = getDb();
  const programmeId = getProgramme(db).id;
  const actor = { ...actorOf(user, context), role: user.role };
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "remove-record") {
    const submission = parseSubmission(formData, { schema: RemoveRecordSchema });
    if (submission.status !== "success") badRequest("Choose a training record to remove.");
    const removed = removeTrainingRecord(db, actor, { programmeId, recordId: submission.value.recordId });
    if (!removed.ok) return data({ result: null, refused: removed.refused }, { status: removed.status });
    return redirect("/capability?done=removed");
  }
  if (intent !== "record") badRequest("That request was not understood.");
  const submission = parseSubmission(formData, { schema: RecordTrainingSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), refused: null }, { status: 400 });
  const { userId, levelId, achievedOn } = submission.value;
  const result = recordTraining(db, actor, { programmeId, userId, levelId, achievedOn, today: getToday() });
  if (!result.ok && FIELD_OF[result.refused]) {
    return data({ result: submission.reply({ fieldErrors: { [FIELD_OF[result.refused]]: [result.refused] } }), refused: null }, { status: result.status });
  }
  valueOf(result);
  return redirect("/capability?done=recorded#record");
}

const DONE: Record<string, string> = { recorded: "The training level was recorded.", removed: "The training record was removed." };

export default function Capability() {
  const { canRecord, canManage, levels, trained, records, totalRecords, toRemove, teams, byQuarter, people } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const [search] = useSearchParams();
  const [form, fields] = useNhsForm(RecordTrainingSchema, last?.result, "record-training");
  const usable = levels.filter((l) => !l.retired);
  return (
    <>
      <h1>QI capability</h1>
      <p className="nhsuk-lede-text">Who is trained in quality improvement, to what level, and how trained each project team is.</p>
      <DoneNotice message={DONE[search.get("done") ?? ""] ?? null} />
      {last?.refused ? (
        <InsetText>
          <p>{last.refused}</p>
        </InsetText>
      ) : null}
      <ul className="nhsuk-list">
        <li>
          <a href="/capability.csv" download>
            Download every training record (CSV)
          </a>
        </li>
        {canManage ? (
          <li>
            <Link to="/capability/levels">Manage the training levels</Link>
          </li>
        ) : null}
      </ul>

      <h2>People by their current level</h2>
      <p>
        {trained === 0 ? "Nobody's training is recorded yet." : `${trained} ${trained === 1 ? "person has" : "people have"} a QI training level recorded.`} A
        person&apos;s current level is the highest they have reached.
      </p>
      <Table
        caption="People by their current level"
        captionHidden
        rows={levels}
        rowKey={(l) => l.id}
        columns={[
          { id: "level", header: "Level", rowHeader: true, cell: (l) => (l.retired ? `${l.name} (retired)` : l.name) },
          { id: "people", header: "People at this level", numeric: true, cell: (l) => l.current },
        ]}
      />

      <h2>Teams&apos; share of trained members</h2>
      {teams.length === 0 ? (
        <p>No approved, active or sustaining project has a team yet.</p>
      ) : (
        <Table
          caption="Each team's members with any QI training level (approved, active and sustaining projects)"
          captionSize="s"
          scroll
          rows={teams}
          rowKey={(t) => t.projectId}
          columns={[
            { id: "project", header: "Project", rowHeader: true, cell: (t) => <Link to={`/projects/${t.projectId}/team`}>{t.title}</Link> },
            { id: "members", header: "Team members", numeric: true, cell: (t) => t.members },
            { id: "trained", header: "Trained", numeric: true, cell: (t) => describeShare(t.trained, t.members) },
          ]}
        />
      )}

      <h2>People trained per division over time</h2>
      {byQuarter.quarters.length === 0 ? (
        <p>Nobody&apos;s training is recorded yet.</p>
      ) : (
        <>
          <p>Cumulative: each person counts from the quarter they reached their first level, in the division recorded for them now.</p>
          <TrainedByQuarterChart data={byQuarter} />
          <Table
            caption="People trained by the end of each quarter, by division"
            captionSize="s"
            scroll
            rows={byQuarter.quarters.map((q, i) => ({ q, i }))}
            rowKey={(r) => r.q}
            columns={[
              { id: "quarter", header: "Quarter", rowHeader: true, cell: (r) => quarterLabel(r.q) },
              ...byQuarter.divisions.map((d) => ({ id: d.name, header: d.name, numeric: true, cell: (r: { i: number }) => d.cumulative[r.i] })),
            ]}
          />
        </>
      )}

      <h2 id="records">Training records</h2>
      {toRemove ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Remove this record?
            </span>
          </h3>
          <p>
            {toRemove.personName} achieved {toRemove.levelName} on {formatDay(toRemove.achievedOn)}. The record will be kept in the audit trail but counted
            nowhere.
          </p>
          <Form method="post" className="app-inline-form">
            <input type="hidden" name="intent" value="remove-record" />
            <input type="hidden" name="recordId" value={toRemove.id} />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Yes, remove this record
            </button>{" "}
            <Link to="/capability#records">No, keep it</Link>
          </Form>
        </div>
      ) : null}
      {records.length === 0 ? (
        <p>No training recorded yet.{canRecord ? " Record the first below." : ""}</p>
      ) : (
        <Table
          caption={
            totalRecords > records.length
              ? `The latest ${records.length} of ${totalRecords} records`
              : `${totalRecords} ${totalRecords === 1 ? "record" : "records"}, latest first`
          }
          captionSize="s"
          scroll
          rows={records}
          rowKey={(r) => r.id}
          columns={[
            { id: "person", header: "Person", rowHeader: true, cell: (r) => r.personName },
            { id: "level", header: "Level", cell: (r) => r.levelName },
            { id: "on", header: "Achieved", cell: (r) => formatDay(r.achievedOn) },
            ...(canRecord
              ? [
                  {
                    id: "remove",
                    header: <span className="nhsuk-u-visually-hidden">Remove</span>,
                    cell: (r: (typeof records)[number]) => (
                      <Link to={`/capability?remove=${r.id}#records`}>
                        Remove
                        <span className="nhsuk-u-visually-hidden">
                          {" "}
                          the record of {r.personName}&apos;s {r.levelName}
                        </span>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}

      {canRecord ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h2 id="record">Record a training level</h2>
            <ErrorSummary form={form} fields={{ userId: fields.userId, levelId: fields.levelId, achievedOn: fields.achievedOn }} />
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="record" />
              <PersonSelectField field={fields.userId} label="Person" people={people} />
              <SelectField
                field={fields.levelId}
                label="Training level"
                options={usable.map((l) => ({ value: String(l.id), label: l.name }))}
                placeholder="Choose a level"
              />
              <DateInput field={fields.achievedOn} legend="Date achieved" hint="For example, 15 3 2026" />
              <button className="nhsuk-button" type="submit">
                Record the level
              </button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
