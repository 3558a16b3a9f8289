// The NHS.UK component kit: nhsuk-frontend 10 markup as React components, form controls wired to
// conform. Pages are composed from these rather than written as markup (docs/decisions/009).
export { ButtonGroup, FormButtons } from "./buttons";
export { InsetText, WarningCallout } from "./callouts";
export { Checkboxes, Radios, type ChoiceItem, type ChoiceSource } from "./choices";
export { DateInput, DateInputView, datePartsFromIso, isoFromDateParts, type DateParts } from "./date-input";
export { Details } from "./details";
export { ErrorMessage } from "./error-message";
export { ErrorSummary, ErrorSummaryBox, type ErrorSummaryItem } from "./error-summary";
export { describedBy, fieldErrors, type AnyField } from "./field";
export { Fieldset, type LegendSize } from "./fieldset";
export { Hint } from "./hint";
export { BackLink, Breadcrumb, Pagination } from "./navigation";
export { SummaryList, type SummaryAction, type SummaryRow } from "./summary-list";
export { Table, TableScroll, type SortDirection, type TableColumn, type TableGroup } from "./table";
export { Tag, type TagColour } from "./tag";
export { SelectField, TextareaField, TextField } from "./text-fields";
// useNhsForm is imported from ~/components/forms: it brings the zod adapter, which every page need not load.
