import { Checkboxes, WarningCallout } from "~/components/nhs";
import { PII_CONFIRM_FIELD } from "~/forms/pii-field";

/** Shown after the server warned about patient-identifiable data: one tick to confirm and save. */
export function PiiConfirm({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <WarningCallout heading="Check for patient data">
      <p>Quality improvement records must not contain patient-identifiable data such as NHS numbers or dates of birth.</p>
      <Checkboxes name={PII_CONFIRM_FIELD} items={[{ value: "yes", label: "I have checked: this text does not identify a patient" }]} />
    </WarningCallout>
  );
}
