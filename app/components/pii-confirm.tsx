import { PII_CONFIRM_FIELD } from "~/lib/pii-field";

/** Shown after the server warned about patient-identifiable data: one tick to confirm and save. */
export function PiiConfirm({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>Check for patient data
        </span>
      </h3>
      <p>Quality improvement records must not contain patient-identifiable data such as NHS numbers or dates of birth.</p>
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id={PII_CONFIRM_FIELD} name={PII_CONFIRM_FIELD} type="checkbox" value="yes" />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={PII_CONFIRM_FIELD}>
            I have checked: this text does not identify a patient
          </label>
        </div>
      </div>
    </div>
  );
}
