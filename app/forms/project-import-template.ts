// The portfolio import's four kinds of file (ADR 090): their columns, example rows and size limit. The template
// downloads, the page and the checks read the same values (not from a .server module: the page's browser code has them).
export const PROJECT_IMPORT_MAX_ROWS = 5000;

export const IMPORT_KINDS = ["projects", "status-reports", "milestones", "pdsa-cycles"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, { label: string; sheet: string; what: string }> = {
  projects: { label: "Projects", sheet: "Projects", what: "projects" },
  "status-reports": { label: "Status reports", sheet: "Status reports", what: "status reports" },
  milestones: { label: "Milestones", sheet: "Milestones", what: "milestones" },
  "pdsa-cycles": { label: "PDSA cycles", sheet: "PDSA cycles", what: "PDSA cycles" },
};

export const IMPORT_TEMPLATES: Record<ImportKind, { header: readonly string[]; example: readonly string[] }> = {
  projects: {
    header: [
      "Reference",
      "Title",
      "Division",
      "Theme",
      "Wave",
      "Stage",
      "Stage date",
      "Executive lead email",
      "Operational lead email",
      "Clinical lead email",
      "Senior manager email",
      "Project lead email",
      "Aim: what will improve",
      "Aim: for whom",
      "Aim: measured by",
      "Aim: baseline",
      "Aim: target",
      "Aim: by date",
      "Planned start",
      "Planned end",
      "Latest RAG",
      "RAG date",
      "RAG reason",
      "Progress score",
      "Score date",
      "Score evidence",
    ],
    example: [
      "QI-2025-001",
      "Sepsis six within the hour",
      "Medicine",
      "Deteriorating patient",
      "1",
      "Active",
      "03/03/2025",
      "exec.lead@trust.nhs.uk",
      "ops.lead@trust.nhs.uk",
      "clinical.lead@trust.nhs.uk",
      "",
      "",
      "Give antibiotics within the hour",
      "adults with suspected sepsis in the emergency department",
      "% given antibiotics within 60 minutes",
      "58",
      "90",
      "31/03/2026",
      "03/03/2025",
      "31/03/2026",
      "Amber",
      "28/11/2025",
      "Pharmacy stock of the first dose is late on nights",
      "2.5",
      "28/11/2025",
      "Two changes tested; the measure has its target on the chart",
    ],
  },
  "status-reports": {
    header: ["Reference", "Date", "RAG", "RAG reason", "Progress", "Next steps", "Risks"],
    example: [
      "QI-2025-001",
      "31/10/2025",
      "Green",
      "",
      "Second PDSA cycle on the night shift finished",
      "Spread to ward 7",
      "Agency staff not trained in the screening tool",
    ],
  },
  milestones: {
    header: ["Reference", "Milestone", "Baseline date", "Forecast date", "Completed date"],
    example: ["QI-2025-001", "Screening tool live on every ward", "30/06/2025", "31/07/2025", "25/07/2025"],
  },
  "pdsa-cycles": {
    header: ["Reference", "Change idea", "Title", "Start date", "End date", "Decision", "Learning"],
    example: [
      "QI-2025-001",
      "Sepsis screening at triage",
      "Screen every adult at triage for a week",
      "07/04/2025",
      "14/04/2025",
      "Adapt",
      "Screening took two minutes; triage nurses asked for a prompt on the form",
    ],
  },
};
