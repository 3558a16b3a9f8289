// /spc: the SPC calculator. Paste a series, choose the options, see the chart,
// icons and reading. Nothing is saved. The same schema and engine as POST /api/spc.
import { parseSubmission } from "~/forms/submission.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { ErrorSummary, SelectField, TextField, TextareaField } from "~/components/forms";
import { Breadcrumbs } from "~/components/layout";
import { Checkboxes, Details, InsetText } from "~/components/nhs";
import { SpcResults, type ChartShown } from "~/components/spc/spc-results";
import { IMPROVEMENT_LABELS } from "~/domain/labels";
import { IMPROVEMENT_DIRECTIONS, analyseSeries } from "~/domain/spc";
import { requireUser } from "~/auth/guards.server";
import { readBodyText } from "~/web/spc-body.server";
import { SPC_EXAMPLE, SPC_FORM_DEFAULTS, SpcFormSchema, type SpcCalculation, type SpcFormFields } from "~/forms/spc-form";
import { MAX_BODY_BYTES, MAX_VALUES } from "~/forms/spc-request";

export const meta: MetaFunction = () => [{ title: "SPC calculator – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return { example: new URL(request.url).searchParams.get("example") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context);
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new Response("Send the calculator form as a normal web form.", { status: 415 });
  }
  const body = await readBodyText(request, MAX_BODY_BYTES);
  if (!body.ok) {
    throw new Response(
      body.status === 413 ? `That is more than the calculator takes: paste no more than ${MAX_VALUES.toLocaleString("en-GB")} values.` : body.error,
      { status: body.status },
    );
  }
  const submission = parseSubmission(new URLSearchParams(body.text), { schema: SpcFormSchema });
  if (submission.status !== "success") {
    return data({ reply: submission.reply(), analysis: null }, { status: 400 });
  }
  // The page runs the engine on this input (it is pure and quick), so the
  // response carries the series rather than every point's analysis.
  const { input, rebaseReasons, header, unit, chart } = submission.value;
  const shown: ChartShown = chart === "auto" ? (input.values.length < 12 ? "run" : "xmr") : chart === "run" ? "run" : "xmr";
  return {
    reply: submission.reply(),
    analysis: { input, rebaseReasons, header, unit, chart: shown, autoChosen: chart === "auto" && shown === "run" },
  };
}

const CHART_OPTIONS = [
  { value: "auto", label: "Automatic: a run chart under 12 points, otherwise an XmR chart" },
  { value: "xmr", label: "XmR chart (SPC, with process limits)" },
  { value: "run", label: "Run chart (median)" },
  { value: "p", label: "p chart: a proportion (numerator out of a denominator)" },
  { value: "pp", label: "p′ chart (Laney): a proportion with very large denominators" },
  { value: "u", label: "u chart: a rate (events per bed day, per 1,000 patients)" },
  { value: "up", label: "u′ chart (Laney): a rate with very large denominators" },
  { value: "c", label: "c chart: a count of events in equal periods" },
  { value: "g", label: "g chart: days or opportunities between rare events" },
  { value: "t", label: "t chart: time between rare events" },
];

const TWO_OF_THREE_OPTIONS = [
  { value: "between_limits", label: "Points between the 2σ line and the limit (NHSRplotthedots)" },
  {
    value: "beyond_two_sigma",
    label: "Points beyond the 2σ line, including beyond the limit (Making Data Count 2023)",
  },
];

const SCREEN_OUTLIERS = [
  {
    value: "on",
    label: "Screen out unusually large moving ranges",
    hint: "As NHSRplotthedots does. The Making Data Count Excel tool does not.",
  },
];

const ADVANCED = ["baseline", "rebase", "screen_outliers", "shift_length", "trend_length", "two_of_three_mode"] as const;

export default function SpcCalculator() {
  const { example } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<SpcFormFields, SpcCalculation>({
    lastResult: actionData?.reply,
    defaultValue: example ? { ...SPC_FORM_DEFAULTS, ...SPC_EXAMPLE } : SPC_FORM_DEFAULTS,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpcFormSchema }),
  });
  // Results for earlier input are hidden while the form shows problems.
  const analysis = Object.keys(form.allErrors).length === 0 ? (actionData?.analysis ?? null) : null;
  const input = analysis?.input;
  const result = useMemo(() => (input ? analyseSeries(input) : null), [input]);
  const advancedOpen = ADVANCED.some((name) => {
    const field = fields[name];
    if (field.errors?.length) return true;
    const initial = field.initialValue as string | undefined;
    const fallback = (SPC_FORM_DEFAULTS as Record<string, string>)[name];
    return (initial ?? "") !== (fallback ?? "");
  });

  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Home" }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary
            form={form}
            fields={{
              data: fields.data,
              improvement: fields.improvement,
              target: fields.target,
              unit: fields.unit,
              chart: fields.chart,
              denominators: fields.denominators,
              multiply: fields.multiply,
              baseline: fields.baseline,
              rebase: fields.rebase,
              shift_length: fields.shift_length,
              trend_length: fields.trend_length,
              two_of_three_mode: fields.two_of_three_mode,
            }}
          />
          <h1>SPC calculator</h1>
          <p className="nhsuk-lede-text">
            Paste a series to see it on a statistical process control (SPC) chart, read with the Making Data Count rules. Nothing you paste is saved.
          </p>
          {analysis === null ? (
            <InsetText attributes={{ "data-spc": "empty-state" }}>
              <p>
                Paste one value per line, oldest first, or two columns copied from a spreadsheet: the date and the value. Use at least 12 points for SPC limits
                (20 or more is better); with fewer you will see a run chart. For example:
              </p>
              <pre className="app-spc-example">{"Date,Value\n01/01/2025,5\n01/02/2025,6\n01/03/2025,5\n…"}</pre>
              <p>
                <Link to="/spc?example=1" reloadDocument>
                  Fill in a worked example
                </Link>{" "}
                (20 months that step up after month 12, higher is better, target 8).
              </p>
            </InsetText>
          ) : null}

          <Form method="post" {...getFormProps(form)}>
            <TextareaField
              field={fields.data}
              label="Your data"
              rows={12}
              hint="One value per line, or a date and a value per line (tab, comma or space between them). Dates can be written 2026-11-26 or 26/11/2026. A first line of column headings is skipped."
            />
            <SelectField
              field={fields.improvement}
              label="Which direction is an improvement?"
              options={IMPROVEMENT_DIRECTIONS.map((d) => ({ value: d, label: IMPROVEMENT_LABELS[d] }))}
            />
            <TextField field={fields.target} label="Target (optional)" width={10} hint="A number, like 8 or 92.5." />
            <TextField field={fields.unit} label="Unit (optional)" width={10} hint="Shown after numbers, like % or minutes." />
            <SelectField field={fields.chart} label="Chart" options={CHART_OPTIONS} />
            <TextareaField
              field={fields.denominators}
              label="Denominators (p, p′, u and u′ charts)"
              rows={6}
              hint="One per line, in the same order as your data: the patients, admissions or bed days each value is out of. Your data are then the numerators."
            />
            <TextField
              field={fields.multiply}
              label="Multiply by (optional)"
              width={5}
              hint="100 to show a proportion as a percentage; 1000 for a rate per 1,000 bed days. Values, centre line and limits are all multiplied."
            />

            <Details summary="Limits and rules (advanced)" open={advancedOpen}>
              <TextField
                field={fields.baseline}
                label="Fix the limits on the first points (optional)"
                width={4}
                hint="How many points the mean and limits come from, at least 12. Leave blank to use every point."
              />
              <TextareaField
                field={fields.rebase}
                label="Recalculate the limits from (optional)"
                rows={3}
                hint="One per line: a point number (counting from 1, as in the data table) or a date, then the reason if you like. For example: 13 New triage process."
              />
              <Checkboxes field={fields.screen_outliers} items={SCREEN_OUTLIERS} />
              <TextField
                field={fields.shift_length}
                label="Shift: points in a row on one side of the mean"
                width={2}
                hint="From 3 to 15. 7 by default; the Making Data Count Excel tool uses 6."
              />
              <TextField
                field={fields.trend_length}
                label="Trend: points in a row each higher (or lower) than the last"
                width={2}
                hint="From 3 to 15. 7 by default; the Making Data Count Excel tool uses 6."
              />
              <SelectField field={fields.two_of_three_mode} label="Two out of three close to a limit counts" options={TWO_OF_THREE_OPTIONS} />
            </Details>

            <button className="nhsuk-button" type="submit" disabled={navigation.state === "submitting"}>
              Analyse
            </button>
          </Form>
        </div>
      </div>

      {analysis !== null && result !== null ? (
        <>
          {analysis.header !== null ? (
            <InsetText>
              <p>The first line (&ldquo;{analysis.header}&rdquo;) was read as column headings and skipped.</p>
            </InsetText>
          ) : null}
          <SpcResults
            result={result}
            chart={analysis.chart}
            autoChosen={analysis.autoChosen}
            unitLabel={analysis.unit || undefined}
            rebaseReasons={analysis.rebaseReasons}
          />
        </>
      ) : null}

      <Details summary="Use the calculator from another program">
        <p>
          The same calculation is available as JSON, without signing in: send a POST request to <code>/api/spc</code> with{" "}
          <code>Content-Type: application/json</code> and a body like <code>{'{"values": [5, 6, 5, 7], "improvement": "increase", "target": 8}'}</code>.
          Optional fields: <code>chart</code> (<code>"xmr"</code>, <code>"run"</code>, <code>"p"</code>, <code>"pp"</code>, <code>"u"</code>, <code>"up"</code>,{" "}
          <code>"c"</code>, <code>"g"</code> or <code>"t"</code>), <code>denominators</code> (for p, pp, u and up), <code>multiply</code>, <code>dates</code>,{" "}
          <code>baseline</code>, <code>rebase</code> (indices counting from 0), <code>screen_outliers</code>, <code>shift_length</code>,{" "}
          <code>trend_length</code> and <code>two_of_three_mode</code>. Nothing is stored.
        </p>
      </Details>
    </>
  );
}
