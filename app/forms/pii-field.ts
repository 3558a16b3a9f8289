/** Name of the checkbox that confirms free text holds no patient-identifiable data. */
export const PII_CONFIRM_FIELD = "confirmNoPatientData";
