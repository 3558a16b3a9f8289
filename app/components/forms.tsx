// The form controls live in the NHS component kit (~/components/nhs); this path keeps working for
// the modules that import them from here.
export { ErrorSummary, SelectField, TextareaField, TextField } from "~/components/nhs";
export { useNhsForm } from "~/components/nhs/use-nhs-form";
