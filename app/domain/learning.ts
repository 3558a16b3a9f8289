// The kinds of record the portfolio's learning search covers, and how a page names them.
export const LEARNING_KINDS = ["project", "pdsa", "driver", "change_idea", "status_report", "ask", "win", "comment"] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

export const LEARNING_KIND_LABELS: Record<LearningKind, string> = {
  project: "Project",
  pdsa: "PDSA cycle",
  driver: "Driver",
  change_idea: "Change idea",
  status_report: "Status report",
  ask: "Ask",
  win: "Win",
  comment: "Comment",
};

/** How far back the date filter looks, in days. */
export const LEARNING_PERIODS = { "30": "In the last 30 days", "90": "In the last 3 months", "365": "In the last 12 months" } as const;
export type LearningPeriod = keyof typeof LEARNING_PERIODS;

/** Where a record found by the search is read. */
export function learningHref(hit: { kind: LearningKind; recordId: number; projectId: number }): string {
  const project = `/projects/${hit.projectId}`;
  switch (hit.kind) {
    case "project":
      return project;
    case "pdsa":
      return `${project}/pdsa/${hit.recordId}`;
    case "driver":
      return `${project}/drivers/driver-${hit.recordId}`;
    case "change_idea":
      return `${project}/drivers/idea-${hit.recordId}`;
    case "status_report":
      return `${project}/status/${hit.recordId}`;
    case "ask":
      return `${project}/asks`;
    case "win":
      return `${project}/wins`;
    case "comment":
      return `/comments/${hit.recordId}`;
  }
}
