// The people import's columns, example row and size limit: the template download, the page and the import
// read the same values (not from a .server module, so the page's browser code has them too).
export const PEOPLE_IMPORT_MAX_ROWS = 1000;
export const PEOPLE_TEMPLATE_HEADER = ["Name", "Email", "Job title", "Role", "Division"] as const;
export const PEOPLE_TEMPLATE_EXAMPLE = ["Asha Patel", "asha.patel@trust.nhs.uk", "Ward Manager, Ward 7", "staff", "Medicine"] as const;
