// The IHI PDSA worksheet as NHS form controls, shared by "plan a new cycle" and "edit the worksheet".
// Choices are radios and checkboxes that work without JavaScript; nothing is hidden until clicked.
import { Link } from "@remix-run/react";
import { DateInput, Checkboxes, Radios, SelectField, TextareaField, TextField, type AnyField } from "~/components/nhs";
import { PDSA_DECISIONS, type MeasureType } from "~/domain/enums";
import { MEASURE_TYPE_LABELS, PDSA_DECISION_LABELS } from "~/domain/labels";

type Fields = Record<string, AnyField>;

export function ChangeIdeaChoice({
  fields,
  ideas,
  drivers = [],
}: {
  fields: Fields;
  ideas: { id: number; title: string }[];
  /** The project's secondary drivers, for a new change idea to go under on the driver diagram. */
  drivers?: { id: number; title: string }[];
}) {
  const field = fields.changeIdea;
  const newIdea = (
    <>
      <TextField
        field={fields.newChangeIdea}
        label={ideas.length ? "Name of the new change idea" : "Change idea"}
        hint="The change you want to test, like 'SBAR escalation card'. Later cycles of the same idea build on this one."
        width={30}
      />
      {drivers.length && fields.newChangeIdeaDriver ? (
        <SelectField
          field={fields.newChangeIdeaDriver}
          label="Which secondary driver does it serve?"
          hint="It goes under this driver on the driver diagram."
          options={[{ value: "", label: "Not linked to a driver yet" }, ...drivers.map((d) => ({ value: String(d.id), label: d.title }))]}
        />
      ) : null}
    </>
  );
  if (!ideas.length) {
    return (
      <>
        <input type="hidden" name={field.name} value="new" />
        {newIdea}
      </>
    );
  }
  return (
    <Radios
      field={field}
      legend="Which change idea does this cycle test?"
      items={[
        ...ideas.map((idea) => ({ value: String(idea.id), label: idea.title })),
        { divider: "or" },
        { value: "new", label: "A new change idea", conditional: newIdea },
      ]}
    />
  );
}

export function MeasureChoice({
  field,
  measures,
  measuresHref,
}: {
  field: AnyField;
  measures: { id: number; name: string; type: MeasureType }[];
  measuresHref: string;
}) {
  if (!measures.length) {
    return (
      <div className="nhsuk-form-group">
        <p className="nhsuk-label nhsuk-u-font-weight-bold nhsuk-u-margin-bottom-1">Measures</p>
        <p className="app-muted">
          This project has no measures yet. <Link to={measuresHref}>Add the project's measures</Link>, then link them to this cycle.
        </p>
      </div>
    );
  }
  return (
    <Checkboxes
      field={field}
      legend="Measures"
      hint="Which of the project's measures will show whether the change is an improvement?"
      items={measures.map((m) => ({
        value: String(m.id),
        label: (
          <>
            {m.name} <span className="app-muted">({MEASURE_TYPE_LABELS[m.type].toLowerCase()} measure)</span>
          </>
        ),
      }))}
    />
  );
}

export function PlanFields({
  fields,
  ideas,
  drivers,
  measures,
  measuresHref,
}: {
  fields: Fields;
  ideas: { id: number; title: string }[];
  drivers?: { id: number; title: string }[];
  measures: { id: number; name: string; type: MeasureType }[];
  measuresHref: string;
}) {
  return (
    <>
      <ChangeIdeaChoice fields={fields} ideas={ideas} drivers={drivers} />
      <TextField
        field={fields.title}
        label="Change being tested"
        hint="A short name for this test, like 'SBAR card on every observation trolley, all shifts'."
        width={30}
      />
      <TextareaField field={fields.question} label="What question should this test answer?" rows={2} />
      <h3 id="plan">Plan</h3>
      <TextareaField field={fields.prediction} label="Prediction" hint="What do you expect to happen, and by how much?" rows={3} />
      <MeasureChoice field={fields.measureIds} measures={measures} measuresHref={measuresHref} />
      <TextareaField field={fields.planWho} label="Who will carry out the test?" rows={2} />
      <TextareaField field={fields.planWhat} label="What will they do?" rows={3} />
      <TextareaField field={fields.planWhen} label="When?" rows={2} />
      <TextareaField field={fields.planWhere} label="Where?" rows={2} />
      <TextareaField field={fields.planDataCollection} label="Data collection" hint="What data will be collected, by whom, and how often?" rows={3} />
      <DateInput field={fields.startDate} legend="Start date" />
      <DateInput field={fields.endDate} legend="End date (optional)" hint="On or after the start date." />
    </>
  );
}

const DECISION_HINTS = {
  adopt: "The change worked: keep it, and test it on a wider scale.",
  adapt: "Change it and test it again.",
  abandon: "It did not work: try a different change idea.",
} as const;

export function DoStudyActFields({ fields }: { fields: Fields }) {
  const decision = fields.actDecision;
  const options = [
    ...PDSA_DECISIONS.map((d) => ({ value: d, label: PDSA_DECISION_LABELS[d], hint: DECISION_HINTS[d] })),
    { value: "", label: "Not decided yet" },
  ];
  return (
    <>
      <h3 id="do">Do</h3>
      <TextareaField field={fields.doWhatHappened} label="What happened?" hint="Was the test carried out as planned?" />
      <TextareaField field={fields.doObservations} label="Observations" />
      <TextareaField field={fields.doProblems} label="Problems and surprises" />
      <h3 id="study">Study</h3>
      <TextareaField field={fields.studyResults} label="Results against the prediction" hint="Compare what the data showed with what you predicted." />
      <TextareaField field={fields.studyLearning} label="What was learned?" />
      <h3 id="act">Act</h3>
      <Radios field={decision} legend="Decision" hint="Choosing a decision marks the cycle as done." items={options} />
      <TextareaField field={fields.actNextStep} label="Next step" hint="What will the next cycle test?" rows={3} />
    </>
  );
}
