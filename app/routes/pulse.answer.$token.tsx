// Answering a Pulse Check: public (no account), one answer per browser, anonymous by construction.
// Nothing about the person answering reaches the database: no user, session, address, browser or
// time (ADR 085). Works without JavaScript and at phone width.
import { getFormProps } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, useNhsForm } from "~/components/forms";
import { Radios } from "~/components/nhs";
import type { AnyField } from "~/components/nhs/field";
import { getDb } from "~/db.server";
import { AGREEMENT, AGREEMENT_LABELS, campaignPhase } from "~/domain/pulse";
import { waveLabel } from "~/domain/wave-label";
import { answerSchema, scoreField } from "~/forms/pulse-form";
import { parseSubmission } from "~/forms/submission.server";
import { answerRateLimited, hasAnswered, markAnswered } from "~/auth/pulse-guard.server";
import { submitPulseAnswer } from "~/models/pulse-commands.server";
import { campaignByToken, listDivisions, listStatements } from "~/models/pulse.server";
import { today as getToday } from "~/today.server";
import { formatDay } from "~/web/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "campaign" in data && data.campaign ? data.campaign.name : "Pulse Check"} – Stepping Up` },
  { name: "robots", content: "noindex" },
];

type Notice = { state: "invalid" | "before" | "closed" | "answered" | "limited" | "thanks"; heading: string; text: string };

const INVALID: Notice = {
  state: "invalid",
  heading: "This link is not valid",
  text: "Check the link you were sent, or ask the person who sent it for a new one.",
};
const LIMITED: Notice = {
  state: "limited",
  heading: "Too many answers from your network",
  text: "Too many answers have come from your network in the last few minutes. Wait 10 minutes and try again.",
};
const answeredNotice = (name: string): Notice => ({
  state: "answered",
  heading: "You have already answered",
  text: `This browser has already sent an answer to "${name}". Each person answers once. Thank you for taking part.`,
});

function load(token: string | undefined) {
  const db = getDb();
  const campaign = token && /^[A-Za-z0-9_-]{16,64}$/.test(token) ? campaignByToken(db, token) : undefined;
  return { db, campaign };
}

function noticeFor(campaign: { opensOn: string; closesOn: string; name: string }, today: string): Notice | null {
  const phase = campaignPhase(campaign.opensOn, campaign.closesOn, today);
  if (phase === "before")
    return { state: "before", heading: "This Pulse Check is not open yet", text: `It opens on ${formatDay(campaign.opensOn)}. Come back to this link then.` };
  if (phase === "closed")
    return {
      state: "closed",
      heading: "This Pulse Check has closed",
      text: `It closed on ${formatDay(campaign.closesOn)} and no longer takes answers. Thank you for your interest.`,
    };
  return null;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, campaign } = load(params.token);
  if (!campaign) return data({ notice: INVALID }, { status: 404 });
  const notice = noticeFor(campaign, getToday()) ?? ((await hasAnswered(request, context, campaign.id)) ? answeredNotice(campaign.name) : null);
  if (notice) return { notice, campaign: { name: campaign.name } };
  return {
    notice: null,
    campaign: { name: campaign.name, wave: campaign.waveNumber === null ? null : waveLabel(campaign.waveNumber, campaign.waveName ?? "") },
    statements: listStatements(db, campaign.id),
    divisions: listDivisions(db, campaign.programmeId).map((d) => ({ value: String(d.id), label: d.name })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { db, campaign } = load(params.token);
  if (!campaign) return data({ notice: INVALID, result: null }, { status: 404 });
  // Counted before the answer is read: the address is held in memory for ten minutes, never stored.
  // A link that was never issued writes nothing, so it is refused before it counts.
  if (answerRateLimited(context.clientIp)) return data({ notice: LIMITED, result: null }, { status: 429 });
  const today = getToday();
  const closed = noticeFor(campaign, today);
  if (closed) return data({ notice: closed, result: null }, { status: 409 });
  if (await hasAnswered(request, context, campaign.id)) return data({ notice: answeredNotice(campaign.name), result: null }, { status: 409 });
  const statements = listStatements(db, campaign.id);
  const submission = parseSubmission(await request.formData(), { schema: answerSchema(statements.length) });
  if (submission.status !== "success") return data({ notice: null, result: submission.reply() }, { status: 400 });
  const v = submission.value as Record<string, string | number | undefined>;
  const divisionId = typeof v.divisionId === "number" ? v.divisionId : null;
  if (divisionId !== null && !listDivisions(db, campaign.programmeId).some((d) => d.id === divisionId)) {
    return data({ notice: null, result: submission.reply({ fieldErrors: { divisionId: ["Choose a division from the list"] } }) }, { status: 400 });
  }
  const answer = {
    divisionId,
    participant: v.participant === "yes" ? true : v.participant === "no" ? false : null,
    scores: statements.map((_, i) => Number(v[scoreField(i + 1)])),
  };
  const saved = submitPulseAnswer(db, { token: campaign.token, today, answer });
  if (!saved.ok)
    return data(
      { notice: { state: "closed", heading: "Your answer was not saved", text: saved.refused } satisfies Notice, result: null },
      { status: saved.status },
    );
  const thanks: Notice = {
    state: "thanks",
    heading: "Thank you",
    text: "Your answers have been sent. They are anonymous: nobody can tell which answers are yours.",
  };
  return data({ notice: thanks, result: null }, { headers: { "Set-Cookie": await markAnswered(context, campaign.id) } });
}

export default function AnswerPulse() {
  const loaded = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const notice = done?.notice ?? loaded.notice;
  if (notice || !("statements" in loaded) || !loaded.statements || !loaded.divisions) return <NoticePage notice={notice ?? INVALID} />;
  const wave = "wave" in loaded.campaign ? (loaded.campaign.wave ?? null) : null;
  return <AnswerForm statements={loaded.statements} divisions={loaded.divisions} name={loaded.campaign.name} wave={wave} lastResult={done?.result} />;
}

function NoticePage({ notice }: { notice: Notice }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{notice.heading}</h1>
        <p data-state={notice.state}>{notice.text}</p>
      </div>
    </div>
  );
}

type FormProps = {
  statements: string[];
  divisions: { value: string; label: string }[];
  name: string;
  wave: string | null;
  lastResult: Parameters<typeof useNhsForm>[1];
};

function AnswerForm({ statements, divisions, name, wave, lastResult }: FormProps) {
  const [form, allFields] = useNhsForm(answerSchema(statements.length), lastResult, "pulse-answer");
  const fields = allFields as unknown as Record<string, AnyField>;
  const summaryFields = Object.fromEntries(statements.map((_, i) => [scoreField(i + 1), fields[scoreField(i + 1)]]));
  const items = AGREEMENT.map((value) => ({ value, label: AGREEMENT_LABELS[value] }));
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={{ ...summaryFields, participant: fields.participant, divisionId: fields.divisionId }} />
        <span className="nhsuk-caption-l">Pulse Check</span>
        <h1>{name}</h1>
        <p className="nhsuk-lede-text">{statements.length} statements, about a minute. Say how much you agree with each one about working here now.</p>
        <p>Your answers are anonymous. We do not record your name, your account, your computer&apos;s address or when you answered.</p>
        <Form method="post" {...getFormProps(form)}>
          {statements.map((statement, i) => (
            <Radios key={i} field={fields[scoreField(i + 1)]} legend={`${i + 1}. ${statement}`} legendSize="s" items={items} small />
          ))}
          <h2 className="nhsuk-heading-m">About you (optional)</h2>
          <p>These help compare groups. A group is only shown when at least 10 people are in it.</p>
          {wave ? (
            <Radios
              field={fields.participant}
              legend={`Are you part of a team in ${wave}?`}
              items={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
              inline
            />
          ) : null}
          {divisions.length ? <SelectField field={fields.divisionId} label="Your division" options={divisions} placeholder="Prefer not to say" /> : null}
          <button className="nhsuk-button" type="submit">
            Send my answers
          </button>
        </Form>
      </div>
    </div>
  );
}
