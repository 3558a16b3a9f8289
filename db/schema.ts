// The whole Stepping Up domain in one schema. Calendar dates are ISO text
// (YYYY-MM-DD, compared as text); instants are UTC milliseconds.
// History tables (audit, status reports, scores, assessments, changes) never cascade.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  ASK_ADDRESSEES,
  ASK_STATES,
  AUDIT_ACTIONS,
  CHART_TYPES,
  CQC_ACTION_KINDS,
  CQC_DOMAINS,
  FREQUENCIES,
  IMPROVEMENT_DIRECTIONS,
  MEASURE_TYPES,
  MEASURE_UNITS,
  MEETING_DECISIONS,
  MEETING_STATES,
  ORIGINS,
  PDSA_DECISIONS,
  PDSA_STATUSES,
  RAGS,
  ROLES,
  STAGES,
  TEAM_ROLES,
  VARIATION_ICONS,
  ASSURANCE_ICONS,
  WIN_EVIDENCE_KINDS,
  DRIVER_LEVELS,
  PICK_IMPACTS,
  PICK_EASES,
  WAVE_EVENT_KINDS,
} from "../app/domain/enums";
import { DELIVERY_MODES, NOTIFICATION_KINDS, OUTBOX_KINDS, OUTBOX_STATES } from "../app/domain/notification-kinds";
import { COMMENT_TARGETS } from "../app/domain/comments";

const id = () => integer("id").primaryKey({ autoIncrement: true });
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());
/** Optimistic-concurrency version: an update names the version it read. */
const version = () => integer("version").notNull().default(1);
const day = (name: string) => text(name); // YYYY-MM-DD
const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
const isDay = (column: string) => sql.raw(`${column} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

export const programmes = sqliteTable("programmes", {
  id: id(),
  name: text("name").notNull(),
  trustName: text("trust_name").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  // Attention thresholds ("more than" N): see app/domain/attention.
  milestoneSlipDays: integer("milestone_slip_days").notNull().default(30),
  pdsaStaleWeeks: integer("pdsa_stale_weeks").notNull().default(6),
  statusStaleWeeks: integer("status_stale_weeks").notNull().default(5),
  measureGapPeriods: integer("measure_gap_periods").notNull().default(3),
  askOpenDays: integer("ask_open_days").notNull().default(14),
  /** The day the board summaries were last recomputed for (date-based flags change daily). */
  summariesAsOf: text("summaries_as_of"),
  /** The last audit event whose project's summary has been recomputed. */
  summariesAuditWatermark: integer("summaries_audit_watermark").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const themes = sqliteTable(
  "themes",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("themes_programme_name_uq").on(t.programmeId, t.name)],
);

export const divisions = sqliteTable(
  "divisions",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("divisions_programme_name_uq").on(t.programmeId, t.name)],
);

export const waves = sqliteTable(
  "waves",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on").notNull(),
    createdAt: createdAt(),
    /** An archived wave is kept for its projects' history but offered for no new project. */
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    // The wave as a cohort (ADR 110): its executive sponsor. `version` guards the cohort's edits.
    sponsorUserId: integer("sponsor_user_id").references((): AnySQLiteColumn => users.id, { onDelete: "restrict" }),
    version: version(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    updatedBy: integer("updated_by").references((): AnySQLiteColumn => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    uniqueIndex("waves_programme_number_uq").on(t.programmeId, t.number),
    check("waves_dates_ck", sql`ends_on > starts_on`),
    check("waves_starts_on_ck", isDay("starts_on")),
    check("waves_ends_on_ck", isDay("ends_on")),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    jobTitle: text("job_title").notNull().default(""),
    role: text("role", { enum: ROLES }).notNull().default("viewer"),
    /** argon2id PHC string; null means the person cannot sign in (e.g. a named lead without an account). */
    passwordHash: text("password_hash"),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
    /** May sign in with a password even when AUTH_LOCAL=0 (single sign-on only): kept for when the provider is down. */
    breakGlass: integer("break_glass", { mode: "boolean" }).notNull().default(false),
    /** The person's division, as the HR export names it (imported or set by an admin). */
    divisionId: integer("division_id").references(() => divisions.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.email),
    check("users_role_ck", inList("role", ROLES)),
    check("users_email_lower_ck", sql`email = lower(email)`),
    /** The people pickers list enabled accounts by name: a trust has thousands of staff. */
    index("users_active_name_idx")
      .on(t.name)
      .where(sql`disabled_at is null`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the 128-bit random id held in the cookie. */
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** UTC milliseconds. */
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
    /** How the person signed in: "password", "password+totp", "password+recovery" or "oidc". */
    method: text("method").notNull().default("password"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: id(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    /** UTC milliseconds. */
    at: integer("at").notNull(),
    /** The nonce of a valid device cookie the attempt carried; its failures count against that device only. */
    device: text("device"),
  },
  (t) => [
    index("sign_in_attempts_email_at_idx").on(t.email, t.at),
    index("sign_in_attempts_ip_at_idx").on(t.ip, t.at),
    index("sign_in_attempts_device_at_idx").on(t.device, t.at),
  ],
);

/**
 * One-time tokens of create forms, spent by the create they carried: a replay of the token
 * (double click, resubmission after Back) is shown the record the first submission made.
 */
export const formTokens = sqliteTable(
  "form_tokens",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What the form creates, e.g. "status_report"; one page may hold several create forms. */
    kind: text("kind").notNull(),
    token: text("token").notNull(),
    /** The path that shows what the first submission created. */
    location: text("location").notNull(),
    /** UTC milliseconds. */
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.token] }), index("form_tokens_created_at_idx").on(t.createdAt)],
);

export const projects = sqliteTable(
  "projects",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    /** The trust's own reference for the project (e.g. from its tracker), unique in the programme; imports match on it. */
    reference: text("reference"),
    problem: text("problem").notNull().default(""),
    proposalIdea: text("proposal_idea").notNull().default(""),
    // SMART aim
    aimWhat: text("aim_what").notNull().default(""),
    aimForWhom: text("aim_for_whom").notNull().default(""),
    aimMeasure: text("aim_measure").notNull().default(""),
    aimBaseline: real("aim_baseline"),
    aimTarget: real("aim_target"),
    aimTargetDate: day("aim_target_date"),
    scope: text("scope").notNull().default(""),
    divisionId: integer("division_id").references(() => divisions.id, { onDelete: "restrict" }),
    service: text("service").notNull().default(""),
    themeId: integer("theme_id").references(() => themes.id, { onDelete: "restrict" }),
    origin: text("origin", { enum: ORIGINS }).notNull().default("staff_idea"),
    originReference: text("origin_reference").notNull().default(""),
    waveId: integer("wave_id").references(() => waves.id, { onDelete: "restrict" }),
    stage: text("stage", { enum: STAGES }).notNull().default("proposed"),
    stageReason: text("stage_reason").notNull().default(""),
    plannedStart: day("planned_start"),
    plannedEnd: day("planned_end"),
    progressScore: real("progress_score"),
    // Closure summary
    closureAimAchieved: integer("closure_aim_achieved", { mode: "boolean" }),
    closureEvidence: text("closure_evidence").notNull().default(""),
    closureAdopted: text("closure_adopted").notNull().default(""),
    closureSustain: text("closure_sustain").notNull().default(""),
    closureOwner: text("closure_owner").notNull().default(""),
    closureLessons: text("closure_lessons").notNull().default(""),
    /** Presentation mode: hidden slides and the order of measures, as JSON. */
    presentationSettings: text("presentation_settings"),
    /** When the project was brought in from a spreadsheet (ADR 090): its quiet spells count from then, not from a backdated start. */
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    index("projects_programme_stage_idx").on(t.programmeId, t.stage),
    uniqueIndex("projects_programme_reference_uq").on(t.programmeId, t.reference),
    index("projects_theme_idx").on(t.themeId),
    index("projects_division_idx").on(t.divisionId),
    index("projects_wave_idx").on(t.waveId),
    check("projects_stage_ck", inList("stage", STAGES)),
    check("projects_origin_ck", inList("origin", ORIGINS)),
    check(
      "projects_progress_score_ck",
      sql`progress_score is null or (progress_score between 0.5 and 5 and progress_score * 2 = cast(progress_score * 2 as integer))`,
    ),
    check("projects_planned_dates_ck", sql`planned_start is null or planned_end is null or planned_end >= planned_start`),
  ],
);

export const projectCqcDomains = sqliteTable(
  "project_cqc_domains",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    domain: text("domain", { enum: CQC_DOMAINS }).notNull(),
  },
  (t) => [
    primaryKey({ name: "project_cqc_domains_pk", columns: [t.projectId, t.domain] }),
    check("project_cqc_domains_domain_ck", inList("domain", CQC_DOMAINS)),
  ],
);

/** Team membership; a lead change ends the old row (ended_at) so the history stays. */
export const projectTeam = sqliteTable(
  "project_team",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    role: text("role", { enum: TEAM_ROLES }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("project_team_project_idx").on(t.projectId),
    index("project_team_user_idx").on(t.userId),
    uniqueIndex("project_team_one_lead_uq")
      .on(t.projectId, t.role)
      .where(sql`ended_at is null and role <> 'member'`),
    uniqueIndex("project_team_member_uq")
      .on(t.projectId, t.userId, t.role)
      .where(sql`ended_at is null`),
    check("project_team_role_ck", inList("role", TEAM_ROLES)),
  ],
);

export const changeIdeas = sqliteTable(
  "change_ideas",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    createdAt: createdAt(),
    // Driver diagram (issue 15): a description, its order under its drivers, edits and soft delete.
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    version: version(),
    // Spread (issue 16 §3): an adopted idea marked ready to spread, with what another team should copy.
    spreadSummary: text("spread_summary"),
    spreadReadyAt: integer("spread_ready_at", { mode: "timestamp_ms" }),
    // Spread (issue 16 §3): the idea of another project this one was copied from (ADR 104).
    originChangeIdeaId: integer("origin_change_idea_id").references((): AnySQLiteColumn => changeIdeas.id, { onDelete: "restrict" }),
  },
  (t) => [uniqueIndex("change_ideas_project_title_uq").on(t.projectId, t.title), index("change_ideas_origin_idx").on(t.originChangeIdeaId)],
);

export const pdsaCycles = sqliteTable(
  "pdsa_cycles",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    number: integer("number").notNull(),
    changeIdeaId: integer("change_idea_id")
      .notNull()
      .references(() => changeIdeas.id, { onDelete: "restrict" }),
    previousCycleId: integer("previous_cycle_id"),
    title: text("title").notNull(),
    question: text("question").notNull().default(""),
    prediction: text("prediction").notNull().default(""),
    planWho: text("plan_who").notNull().default(""),
    planWhat: text("plan_what").notNull().default(""),
    planWhen: text("plan_when").notNull().default(""),
    planWhere: text("plan_where").notNull().default(""),
    planDataCollection: text("plan_data_collection").notNull().default(""),
    doWhatHappened: text("do_what_happened").notNull().default(""),
    doObservations: text("do_observations").notNull().default(""),
    doProblems: text("do_problems").notNull().default(""),
    studyResults: text("study_results").notNull().default(""),
    studyLearning: text("study_learning").notNull().default(""),
    actDecision: text("act_decision", { enum: PDSA_DECISIONS }),
    actNextStep: text("act_next_step").notNull().default(""),
    status: text("status", { enum: PDSA_STATUSES }).notNull().default("planned"),
    startDate: day("start_date").notNull(),
    endDate: day("end_date"),
    /** Brought in from a spreadsheet (ADR 090): its own dates are its activity. */
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    uniqueIndex("pdsa_cycles_project_number_uq").on(t.projectId, t.number),
    index("pdsa_cycles_project_updated_idx").on(t.projectId, t.updatedAt),
    // The board's engagement figures count a portfolio's recent cycles by project and start date (ADR 117).
    index("pdsa_cycles_project_start_idx")
      .on(t.projectId, t.startDate)
      .where(sql`deleted_at is null`),
    check("pdsa_cycles_status_ck", inList("status", PDSA_STATUSES)),
    check("pdsa_cycles_decision_ck", sql`act_decision is null or ${inList("act_decision", PDSA_DECISIONS)}`),
    check("pdsa_cycles_dates_ck", sql`end_date is null or end_date >= start_date`),
  ],
);

export const measures = sqliteTable(
  "measures",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    type: text("type", { enum: MEASURE_TYPES }).notNull(),
    definition: text("definition").notNull().default(""),
    unit: text("unit", { enum: MEASURE_UNITS }).notNull(),
    unitLabel: text("unit_label").notNull().default(""),
    ratePer: integer("rate_per"),
    improvement: text("improvement", { enum: IMPROVEMENT_DIRECTIONS }).notNull(),
    target: real("target"),
    targetDate: day("target_date"),
    frequency: text("frequency", { enum: FREQUENCIES }).notNull(),
    dataOwner: text("data_owner").notNull().default(""),
    dataSource: text("data_source").notNull().default(""),
    usesRatio: integer("uses_ratio", { mode: "boolean" }).notNull().default(false),
    baselinePoints: integer("baseline_points"),
    // SPC chart: xmr (default), run, p, pp, u, up, c, g or t (ADR 030).
    chartType: text("chart_type", { enum: CHART_TYPES }).notNull().default("xmr"),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
    // Stored SPC summary, recomputed when data or settings change (the board never recomputes).
    spcPoints: integer("spc_points").notNull().default(0),
    spcLatestDate: day("spc_latest_date"),
    spcLatestValue: real("spc_latest_value"),
    spcLatestSignal: text("spc_latest_signal"),
    spcVariationIcon: text("spc_variation_icon", { enum: VARIATION_ICONS }),
    spcAssuranceIcon: text("spc_assurance_icon", { enum: ASSURANCE_ICONS }),
    spcMean: real("spc_mean"),
    spcUcl: real("spc_ucl"),
    spcLcl: real("spc_lcl"),
    spcSparkline: text("spc_sparkline"),
    spcComputedAt: integer("spc_computed_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    index("measures_project_idx").on(t.projectId),
    uniqueIndex("measures_one_primary_uq")
      .on(t.projectId)
      .where(sql`is_primary = 1 and deleted_at is null`),
    check("measures_type_ck", inList("type", MEASURE_TYPES)),
    check("measures_unit_ck", inList("unit", MEASURE_UNITS)),
    check("measures_improvement_ck", inList("improvement", IMPROVEMENT_DIRECTIONS)),
    check("measures_frequency_ck", inList("frequency", FREQUENCIES)),
    check("measures_baseline_ck", sql`baseline_points is null or baseline_points >= 12`),
  ],
);

export const pdsaCycleMeasures = sqliteTable(
  "pdsa_cycle_measures",
  {
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => pdsaCycles.id, { onDelete: "cascade" }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "pdsa_cycle_measures_pk", columns: [t.cycleId, t.measureId] })],
);

export const measurePoints = sqliteTable(
  "measure_points",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "restrict" }),
    periodDate: day("period_date").notNull(),
    value: real("value").notNull(),
    numerator: real("numerator"),
    denominator: real("denominator"),
    note: text("note").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("measure_points_measure_period_uq").on(t.measureId, t.periodDate),
    check("measure_points_period_ck", isDay("period_date")),
    check("measure_points_denominator_ck", sql`denominator is null or denominator > 0`),
  ],
);

export const measureRebases = sqliteTable(
  "measure_rebases",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "restrict" }),
    periodDate: day("period_date").notNull(),
    reason: text("reason").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("measure_rebases_measure_period_uq").on(t.measureId, t.periodDate), check("measure_rebases_reason_ck", sql`length(trim(reason)) > 0`)],
);

export const measureAnnotations = sqliteTable(
  "measure_annotations",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "restrict" }),
    periodDate: day("period_date").notNull(),
    text: text("text").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [index("measure_annotations_measure_idx").on(t.measureId, t.periodDate)],
);

export const milestones = sqliteTable(
  "milestones",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    /** Free text, only for an owner who is not in Stepping Up (empty when owner_user_id names the person). */
    owner: text("owner").notNull().default(""),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "restrict" }),
    baselineDate: day("baseline_date").notNull(),
    forecastDate: day("forecast_date").notNull(),
    completedOn: day("completed_on"),
    /** Brought in from a spreadsheet (ADR 090). */
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    index("milestones_project_idx").on(t.projectId),
    index("milestones_owner_user_idx").on(t.ownerUserId),
    check("milestones_baseline_ck", isDay("baseline_date")),
    check("milestones_forecast_ck", isDay("forecast_date")),
  ],
);

/** Re-baselining and later forecasts, each with its reason. */
export const milestoneChanges = sqliteTable(
  "milestone_changes",
  {
    id: id(),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["rebaseline", "forecast"] }).notNull(),
    fromDate: day("from_date").notNull(),
    toDate: day("to_date").notNull(),
    reason: text("reason").notNull(),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "restrict" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("milestone_changes_milestone_idx").on(t.milestoneId)],
);

/** Highlight reports: append-only; a correction is a new report. */
export const statusReports = sqliteTable(
  "status_reports",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    reportDate: day("report_date").notNull(),
    rag: text("rag", { enum: RAGS }).notNull(),
    ragReason: text("rag_reason").notNull().default(""),
    progress: text("progress").notNull().default(""),
    nextSteps: text("next_steps").notNull().default(""),
    risks: text("risks").notNull().default(""),
    /** Brought in from a spreadsheet (ADR 090): dated by report_date, not by when it was typed. */
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("status_reports_project_date_idx").on(t.projectId, t.reportDate),
    check("status_reports_rag_ck", inList("rag", RAGS)),
    check("status_reports_reason_ck", sql`rag = 'green' or length(trim(rag_reason)) > 0`),
  ],
);

export const asks = sqliteTable(
  "asks",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    statusReportId: integer("status_report_id").references(() => statusReports.id, { onDelete: "restrict" }),
    what: text("what").notNull(),
    addressee: text("addressee", { enum: ASK_ADDRESSEES }).notNull().default("board"),
    addresseeUserId: integer("addressee_user_id").references(() => users.id, { onDelete: "restrict" }),
    dueOn: day("due_on"),
    state: text("state", { enum: ASK_STATES }).notNull().default("open"),
    response: text("response").notNull().default(""),
    answeredBy: integer("answered_by").references(() => users.id, { onDelete: "restrict" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    index("asks_project_idx").on(t.projectId),
    index("asks_state_created_idx").on(t.state, t.createdAt),
    check("asks_state_ck", inList("state", ASK_STATES)),
    check("asks_addressee_ck", sql`addressee = 'board' or addressee_user_id is not null`),
  ],
);

/** Append-only history of the IHI progress score; projects.progress_score is the latest. */
export const progressScores = sqliteTable(
  "progress_scores",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    score: real("score").notNull(),
    evidence: text("evidence").notNull(),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "restrict" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("progress_scores_project_at_idx").on(t.projectId, t.at),
    check("progress_scores_score_ck", sql`score between 0.5 and 5 and score * 2 = cast(score * 2 as integer)`),
    check("progress_scores_evidence_ck", sql`length(trim(evidence)) > 0`),
  ],
);

export const meetings = sqliteTable(
  "meetings",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    meetingDate: day("meeting_date").notNull(),
    attendees: text("attendees").notNull().default(""),
    state: text("state", { enum: MEETING_STATES }).notNull().default("planned"),
    /** The board view as it stood when the meeting closed (JSON). */
    snapshot: text("snapshot"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [index("meetings_programme_date_idx").on(t.programmeId, t.meetingDate)],
);

export const meetingItems = sqliteTable(
  "meeting_items",
  {
    id: id(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    reasonSuggested: text("reason_suggested").notNull().default(""),
    decision: text("decision", { enum: MEETING_DECISIONS }),
    notes: text("notes").notNull().default(""),
  },
  (t) => [uniqueIndex("meeting_items_meeting_project_uq").on(t.meetingId, t.projectId)],
);

/** The board's own view of a project (RAG with a reason), kept as history. */
export const boardAssessments = sqliteTable(
  "board_assessments",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "restrict" }),
    rag: text("rag", { enum: RAGS }).notNull(),
    reason: text("reason").notNull(),
    comment: text("comment").notNull().default(""),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "restrict" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("board_assessments_project_at_idx").on(t.projectId, t.at), check("board_assessments_rag_ck", inList("rag", RAGS))],
);

export const meetingActions = sqliteTable(
  "meeting_actions",
  {
    id: id(),
    // An action is set at a board meeting or belongs to a Big Conversation priority's plan (ADR 095).
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "restrict" }),
    priorityId: integer("priority_id").references((): AnySQLiteColumn => conversationPriorities.id, { onDelete: "restrict" }),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "restrict" }),
    text: text("text").notNull(),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    dueOn: day("due_on").notNull(),
    completedOn: day("completed_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    index("meeting_actions_owner_idx").on(t.ownerUserId, t.completedOn),
    index("meeting_actions_meeting_idx").on(t.meetingId),
    index("meeting_actions_priority_idx").on(t.priorityId),
    check("meeting_actions_home_ck", sql`meeting_id is not null or priority_id is not null`),
  ],
);

export const wins = sqliteTable(
  "wins",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    evidenceKind: text("evidence_kind", { enum: WIN_EVIDENCE_KINDS }).notNull(),
    evidenceRef: text("evidence_ref").notNull().default(""),
    confirmedBy: integer("confirmed_by").references(() => users.id, { onDelete: "restrict" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("wins_at_idx").on(t.at)],
);

export const cqcActions = sqliteTable(
  "cqc_actions",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: CQC_ACTION_KINDS }).notNull(),
    reference: text("reference").notNull(),
    text: text("text").notNull(),
    domain: text("domain", { enum: CQC_DOMAINS }).notNull(),
    service: text("service").notNull().default(""),
    createdAt: createdAt(),
    /** Who answers for the action, and by when; an archived action is closed but kept. */
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "set null" }),
    dueOn: day("due_on"),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("cqc_actions_programme_ref_uq").on(t.programmeId, t.reference)],
);

export const cqcActionProjects = sqliteTable(
  "cqc_action_projects",
  {
    cqcActionId: integer("cqc_action_id")
      .notNull()
      .references(() => cqcActions.id, { onDelete: "cascade" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "cqc_action_projects_pk", columns: [t.cqcActionId, t.projectId] })],
);

/** Append-only audit trail: who did what, when (UTC). */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: id(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "restrict" }),
    actorEmail: text("actor_email").notNull().default(""),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    entityType: text("entity_type").notNull().default(""),
    entityId: integer("entity_id"),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "restrict" }),
    summary: text("summary").notNull(),
    details: text("details"),
    ip: text("ip").notNull().default(""),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_user_at_idx").on(t.userId, t.at),
    index("audit_events_project_at_idx").on(t.projectId, t.at),
  ],
);

/**
 * One row per project with everything the board shows, recomputed when the project's
 * data changes (tracked through its audit events) and when the day changes, so the board
 * filters, sorts, groups and pages in SQL without recomputing any series per request.
 */
export const projectSummaries = sqliteTable(
  "project_summaries",
  {
    projectId: integer("project_id")
      .primaryKey()
      .references(() => projects.id, { onDelete: "cascade" }),
    programmeId: integer("programme_id").notNull(),
    title: text("title").notNull(),
    reference: text("reference"),
    stage: text("stage", { enum: STAGES }).notNull(),
    themeId: integer("theme_id"),
    themeName: text("theme_name"),
    divisionId: integer("division_id"),
    divisionName: text("division_name"),
    waveId: integer("wave_id"),
    waveNumber: integer("wave_number"),
    executiveLeadId: integer("executive_lead_id"),
    executiveLead: text("executive_lead"),
    clinicalLeadId: integer("clinical_lead_id"),
    clinicalLead: text("clinical_lead"),
    cqcDomains: text("cqc_domains").notNull().default(""),
    latestRag: text("latest_rag", { enum: RAGS }),
    latestRagDate: day("latest_rag_date"),
    boardRag: text("board_rag", { enum: RAGS }),
    boardRagReason: text("board_rag_reason"),
    boardRagDate: day("board_rag_date"),
    progressScore: real("progress_score"),
    milestonesDone: integer("milestones_done").notNull().default(0),
    milestonesTotal: integer("milestones_total").notNull().default(0),
    milestonesOverdue: integer("milestones_overdue").notNull().default(0),
    worstSlipDays: integer("worst_slip_days"),
    lastPdsaDate: day("last_pdsa_date"),
    pdsaCyclesThisQuarter: integer("pdsa_cycles_this_quarter").notNull().default(0),
    pdsaCyclesTotal: integer("pdsa_cycles_total").notNull().default(0),
    primaryMeasureId: integer("primary_measure_id"),
    primaryMeasureName: text("primary_measure_name"),
    primarySparkline: text("primary_sparkline"),
    primaryVariationIcon: text("primary_variation_icon", { enum: VARIATION_ICONS }),
    primaryAssuranceIcon: text("primary_assurance_icon", { enum: ASSURANCE_ICONS }),
    measuresImproving: integer("measures_improving").notNull().default(0),
    measuresConcern: integer("measures_concern").notNull().default(0),
    // Counts behind the board's roll-up, so it is one aggregate over this table.
    measuresCommonCause: integer("measures_common_cause").notNull().default(0),
    measuresImprovementHigh: integer("measures_improvement_high").notNull().default(0),
    measuresImprovementLow: integer("measures_improvement_low").notNull().default(0),
    measuresConcernHigh: integer("measures_concern_high").notNull().default(0),
    measuresConcernLow: integer("measures_concern_low").notNull().default(0),
    measuresNeutralHigh: integer("measures_neutral_high").notNull().default(0),
    measuresNeutralLow: integer("measures_neutral_low").notNull().default(0),
    /** PDSA cycles started in each of the last 12 months as of as_of: m0 is that month, m11 eleven months before. */
    pdsaM0: integer("pdsa_m0").notNull().default(0),
    pdsaM1: integer("pdsa_m1").notNull().default(0),
    pdsaM2: integer("pdsa_m2").notNull().default(0),
    pdsaM3: integer("pdsa_m3").notNull().default(0),
    pdsaM4: integer("pdsa_m4").notNull().default(0),
    pdsaM5: integer("pdsa_m5").notNull().default(0),
    pdsaM6: integer("pdsa_m6").notNull().default(0),
    pdsaM7: integer("pdsa_m7").notNull().default(0),
    pdsaM8: integer("pdsa_m8").notNull().default(0),
    pdsaM9: integer("pdsa_m9").notNull().default(0),
    pdsaM10: integer("pdsa_m10").notNull().default(0),
    pdsaM11: integer("pdsa_m11").notNull().default(0),
    openAsks: integer("open_asks").notNull().default(0),
    /** JSON array of { code, reason }. */
    flags: text("flags").notNull().default("[]"),
    flagCount: integer("flag_count").notNull().default(0),
    asOf: day("as_of").notNull(),
    refreshedAt: integer("refreshed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("project_summaries_programme_title_idx").on(t.programmeId, t.title),
    index("project_summaries_programme_flags_idx").on(t.programmeId, sql`flag_count desc`, t.title, t.projectId),
    index("project_summaries_programme_score_idx").on(t.programmeId, t.progressScore),
    index("project_summaries_theme_idx").on(t.themeId),
    index("project_summaries_division_idx").on(t.divisionId),
    index("project_summaries_wave_idx").on(t.waveId),
  ],
);

/** A person's authenticator app (TOTP, RFC 6238). Unconfirmed until they enter a first code. */
export const twoFactors = sqliteTable("two_factors", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Base32 secret shared with the authenticator app. */
  secret: text("secret").notNull(),
  confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  /** The last 30-second time step a code was accepted for: a code is never accepted twice. */
  lastStep: integer("last_step").notNull().default(0),
  createdAt: createdAt(),
});

/** Single-use recovery codes: SHA-256 of 80-bit random codes (shown once). */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_uq").on(t.userId, t.codeHash)],
);

/** Single sign-on identities: a provider's stable subject (sub, or Entra's oid) linked to an account. */
export const oidcIdentities = sqliteTable(
  "oidc_identities",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("oidc_identities_issuer_subject_uq").on(t.issuer, t.subject), index("oidc_identities_user_idx").on(t.userId)],
);

/** A value of the provider's role claim (OIDC_ROLE_CLAIM, e.g. a group id) and the role it gives. */
export const oidcRoleMappings = sqliteTable(
  "oidc_role_mappings",
  {
    id: id(),
    claimValue: text("claim_value").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("oidc_role_mappings_value_uq").on(t.claimValue), check("oidc_role_mappings_role_ck", inList("role", ROLES))],
);

/** What the notification centre lists for one person (docs/decisions/040); written with the event that causes it. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** A path inside the app, e.g. /projects/3/asks. */
    link: text("link").notNull(),
    createdAt: createdAt(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    /** When a digest email carried it; null while it waits for its digest (or is not emailed at all). */
    digestedAt: integer("digested_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt), check("notifications_kind_ck", inList("kind", NOTIFICATION_KINDS))],
);

/** A person's choice for one kind; no row means the kind's default. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    mode: text("mode", { enum: DELIVERY_MODES }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "notification_preferences_pk", columns: [t.userId, t.kind] }),
    check("notification_preferences_kind_ck", inList("kind", NOTIFICATION_KINDS)),
    check("notification_preferences_mode_ck", inList("mode", DELIVERY_MODES)),
  ],
);

/**
 * The transactional outbox: every email, written in the transaction of the event that causes it and
 * delivered by the sender in the server. `dedupe_key` makes a digest at most once per person per day.
 */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: id(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** The one-click unsubscribe URL (List-Unsubscribe), absolute. */
    unsubscribeUrl: text("unsubscribe_url").notNull().default(""),
    dedupeKey: text("dedupe_key"),
    state: text("state", { enum: OUTBOX_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    /** While a sender holds the row; a crashed sender's claim expires and the row is tried again. */
    claimedUntil: integer("claimed_until", { mode: "timestamp_ms" }),
    lastError: text("last_error").notNull().default(""),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.state, t.nextAttemptAt),
    uniqueIndex("email_outbox_dedupe_uq").on(t.dedupeKey),
    check("email_outbox_state_ck", inList("state", OUTBOX_STATES)),
  ],
);

/** Named locks with an expiry, so only one process runs a scheduled job at a time. */
export const jobLocks = sqliteTable("job_locks", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * Rare events of a measure drawn as a g or t chart (ADR 034): the team records the date of each
 * event and the measure's values are worked out from them, the days between each event and the one
 * before (qicharts2's `date - lag(date)`), rebuilt in measure_points on every change.
 */
export const measureEvents = sqliteTable(
  "measure_events",
  {
    id: id(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "restrict" }),
    eventDate: day("event_date").notNull(),
    note: text("note").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("measure_events_measure_date_uq").on(t.measureId, t.eventDate), check("measure_events_date_ck", isDay("event_date"))],
);

/** A project's primary and secondary drivers (its theory of change), in order; soft-deleted. */
export const drivers = sqliteTable(
  "drivers",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    level: text("level", { enum: DRIVER_LEVELS }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [index("drivers_project_idx").on(t.projectId), check("drivers_level_ck", inList("level", DRIVER_LEVELS))],
);

/** A secondary driver under a primary one (a secondary may serve several primaries). */
export const driverLinks = sqliteTable(
  "driver_links",
  {
    primaryId: integer("primary_id")
      .notNull()
      .references(() => drivers.id, { onDelete: "restrict" }),
    secondaryId: integer("secondary_id")
      .notNull()
      .references(() => drivers.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.primaryId, t.secondaryId] }),
    index("driver_links_secondary_idx").on(t.secondaryId),
    check("driver_links_not_self_ck", sql`primary_id <> secondary_id`),
  ],
);

/** A change idea under a secondary driver (an idea may serve several). */
export const changeIdeaDrivers = sqliteTable(
  "change_idea_drivers",
  {
    changeIdeaId: integer("change_idea_id")
      .notNull()
      .references(() => changeIdeas.id, { onDelete: "restrict" }),
    driverId: integer("driver_id")
      .notNull()
      .references(() => drivers.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.changeIdeaId, t.driverId] }), index("change_idea_drivers_driver_idx").on(t.driverId)],
);

/** A process measure attached to a driver (outcome and balancing measures belong to the aim). */
export const driverMeasures = sqliteTable(
  "driver_measures",
  {
    driverId: integer("driver_id")
      .notNull()
      .references(() => drivers.id, { onDelete: "restrict" }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.driverId, t.measureId] })],
);

/** Every PICK rating of a change idea, append-only: the latest is its category, the rest its history. */
export const changeIdeaPicks = sqliteTable(
  "change_idea_picks",
  {
    id: id(),
    changeIdeaId: integer("change_idea_id")
      .notNull()
      .references(() => changeIdeas.id, { onDelete: "restrict" }),
    impact: text("impact", { enum: PICK_IMPACTS }).notNull(),
    ease: text("ease", { enum: PICK_EASES }).notNull(),
    reason: text("reason").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("change_idea_picks_idea_idx").on(t.changeIdeaId),
    check("change_idea_picks_impact_ck", inList("impact", PICK_IMPACTS)),
    check("change_idea_picks_ease_ck", inList("ease", PICK_EASES)),
  ],
);

/** A comment on a record of a project: plain text, editable by its author for 15 minutes, soft-deleted. */
export const comments = sqliteTable(
  "comments",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    targetType: text("target_type", { enum: COMMENT_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text("body").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    version: version(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    deletedBy: integer("deleted_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    index("comments_target_idx").on(t.targetType, t.targetId, t.createdAt),
    index("comments_project_idx").on(t.projectId),
    check("comments_target_ck", inList("target_type", COMMENT_TARGETS)),
  ],
);

/** Big Conversations (Listening into Action): a listening event held with staff at one site (ADR 095). */
export const conversationEvents = sqliteTable(
  "conversation_events",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    heldOn: day("held_on").notNull(),
    site: text("site").notNull(),
    staffGroup: text("staff_group").notNull(),
    facilitatorUserId: integer("facilitator_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    attendance: integer("attendance").notNull(),
    notes: text("notes").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("conversation_events_programme_idx").on(t.programmeId, t.heldOn),
    check("conversation_events_held_on_ck", isDay("held_on")),
    check("conversation_events_attendance_ck", sql`attendance >= 0`),
  ],
);

/** A priority the board adopts from the themes staff raised, with its executive owner and assurance level. */
export const conversationPriorities = sqliteTable(
  "conversation_priorities",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    assurance: text("assurance", { enum: ASSURANCE_ICONS }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [
    index("conversation_priorities_programme_idx").on(t.programmeId),
    check("conversation_priorities_assurance_ck", inList("assurance", ASSURANCE_ICONS)),
  ],
);

/** A theme raised at a listening event; grouped into at most one priority. */
export const conversationThemes = sqliteTable(
  "conversation_themes",
  {
    id: id(),
    eventId: integer("event_id")
      .notNull()
      .references(() => conversationEvents.id, { onDelete: "restrict" }),
    text: text("text").notNull(),
    mentions: integer("mentions"),
    priorityId: integer("priority_id").references(() => conversationPriorities.id, { onDelete: "restrict" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    // Editing and removing a theme (ADR 116): null until first edited.
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("conversation_themes_event_idx").on(t.eventId),
    index("conversation_themes_priority_idx").on(t.priorityId),
    check("conversation_themes_mentions_ck", sql`mentions is null or mentions >= 1`),
  ],
);

/**
 * A Pulse Check campaign: a short anonymous staff survey, open between two days, for one wave's
 * teams or the whole trust. `waveId` is the wave it asks about ("are you part of a team in this
 * wave?"); a follow-up names its baseline. Its answer link carries `token` (ADR 085).
 */
export const pulseCampaigns = sqliteTable(
  "pulse_campaigns",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    audience: text("audience", { enum: ["trust", "wave"] }).notNull(),
    waveId: integer("wave_id").references(() => waves.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: ["baseline", "follow_up"] }).notNull(),
    baselineId: integer("baseline_id").references((): AnySQLiteColumn => pulseCampaigns.id, { onDelete: "restrict" }),
    opensOn: day("opens_on").notNull(),
    closesOn: day("closes_on").notNull(),
    token: text("token").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("pulse_campaigns_token_uq").on(t.token),
    index("pulse_campaigns_wave_idx").on(t.waveId),
    check("pulse_campaigns_dates_ck", sql`closes_on >= opens_on`),
    check("pulse_campaigns_opens_on_ck", isDay("opens_on")),
    check("pulse_campaigns_closes_on_ck", isDay("closes_on")),
    check("pulse_campaigns_audience_ck", sql`audience in ('trust', 'wave') and (audience = 'trust' or wave_id is not null)`),
    check("pulse_campaigns_kind_ck", sql`(kind = 'baseline' and baseline_id is null) or (kind = 'follow_up' and baseline_id is not null)`),
  ],
);

/** A campaign's statements, by position (1 to 15). */
export const pulseStatements = sqliteTable(
  "pulse_statements",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => pulseCampaigns.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    wording: text("wording").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.position] })],
);

/**
 * One anonymous answer: deliberately no person, session, address, user agent or time (ADR 085).
 * Division and participation are optional, given by the person answering.
 */
export const pulseAnswers = sqliteTable(
  "pulse_answers",
  {
    id: id(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => pulseCampaigns.id, { onDelete: "restrict" }),
    divisionId: integer("division_id").references(() => divisions.id, { onDelete: "set null" }),
    participant: integer("participant", { mode: "boolean" }),
  },
  (t) => [index("pulse_answers_campaign_idx").on(t.campaignId)],
);

/** An answer's agreement with each statement, 1 (strongly disagree) to 5 (strongly agree). */
export const pulseAnswerScores = sqliteTable(
  "pulse_answer_scores",
  {
    answerId: integer("answer_id")
      .notNull()
      .references(() => pulseAnswers.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    score: integer("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.position] }), check("pulse_answer_scores_score_ck", sql`score between 1 and 5`)],
);

/**
 * An invitation to set one's own password (docs/decisions/075). The link's token is an HMAC of `nonce` under the
 * session secret: the database alone never yields a working link, and only the token's SHA-256 is looked up.
 * Single use; expires; re-issuing revokes the previous one.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nonce: text("nonce").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("invitations_token_hash_uq").on(t.tokenHash), index("invitations_user_idx").on(t.userId)],
);

/** QI training levels (issue 21 §4, ADR 114): the trust's own list, in order; a higher position is a higher level. */
export const trainingLevels = sqliteTable(
  "training_levels",
  {
    id: id(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    /** A retired level is offered for no new record but keeps its people's history. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [uniqueIndex("training_levels_programme_name_uq").on(t.programmeId, t.name), index("training_levels_programme_idx").on(t.programmeId, t.position)],
);

/** A person reached a training level on a day. History is kept: a person's current level is the highest reached. */
export const trainingRecords = sqliteTable(
  "training_records",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => trainingLevels.id, { onDelete: "restrict" }),
    achievedOn: day("achieved_on").notNull(),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    /** Recorded in error and removed: kept for the audit trail, counted nowhere. */
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
    removedBy: integer("removed_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    index("training_records_user_idx").on(t.userId),
    index("training_records_level_idx").on(t.levelId),
    uniqueIndex("training_records_user_level_uq")
      .on(t.userId, t.levelId)
      .where(sql`removed_at is null`),
    check("training_records_achieved_on_ck", isDay("achieved_on")),
  ],
);

/** A wave's champions: staff who support its teams (ADR 110). */
export const waveChampions = sqliteTable(
  "wave_champions",
  {
    waveId: integer("wave_id")
      .notNull()
      .references(() => waves.id, { onDelete: "restrict" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.waveId, t.userId] })],
);

/** A dated event in a wave's timeline: its launch, team conversations, checkpoints and the Pass it On event. */
export const waveEvents = sqliteTable(
  "wave_events",
  {
    id: id(),
    waveId: integer("wave_id")
      .notNull()
      .references(() => waves.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: WAVE_EVENT_KINDS }).notNull(),
    heldOn: day("held_on").notNull(),
    title: text("title").notNull(),
    attendance: integer("attendance"),
    notes: text("notes").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("wave_events_wave_idx").on(t.waveId, t.heldOn),
    check("wave_events_kind_ck", inList("kind", WAVE_EVENT_KINDS)),
    check("wave_events_held_on_ck", isDay("held_on")),
    check("wave_events_attendance_ck", sql`attendance is null or attendance >= 0`),
  ],
);

/** The people named as having attended a wave event (the attendance number may be larger). */
export const waveEventAttendees = sqliteTable(
  "wave_event_attendees",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => waveEvents.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("wave_event_attendees_user_idx").on(t.userId)],
);

/** A team's mission in its wave: one paragraph, edited by the project's team (ADR 111). */
export const teamMissions = sqliteTable(
  "team_missions",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    mission: text("mission").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
  },
  (t) => [uniqueIndex("team_missions_project_uq").on(t.projectId)],
);

/** The project's wins its team counts as quick wins of its wave. */
export const teamQuickWins = sqliteTable(
  "team_quick_wins",
  {
    winId: integer("win_id")
      .primaryKey()
      .references(() => wins.id, { onDelete: "cascade" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [index("team_quick_wins_project_idx").on(t.projectId)],
);

/** A team's outcome story: what changed, told in its own words. */
export const outcomeStories = sqliteTable(
  "outcome_stories",
  {
    id: id(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    story: text("story").notNull(),
    createdAt: createdAt(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    updatedAt: updatedAt(),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "restrict" }),
    version: version(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("outcome_stories_project_idx").on(t.projectId)],
);
