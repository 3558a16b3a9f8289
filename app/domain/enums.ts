// Every enumerated value in Stepping Up, defined once and shared by the
// database schema (text({ enum })), zod schemas and the UI.

export const ROLES = ["admin", "board", "staff", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_ROLES = ["executive_lead", "operational_lead", "clinical_lead", "senior_manager", "project_lead", "member"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** Roles held by exactly one person at a time; the first three are required to leave "proposed". */
export const LEAD_ROLES = TEAM_ROLES.filter((r) => r !== "member") as Exclude<TeamRole, "member">[];
export const REQUIRED_LEAD_ROLES = ["executive_lead", "operational_lead", "clinical_lead"] as const;

export const STAGES = ["proposed", "approved", "active", "sustaining", "closed", "stopped", "declined"] as const;
export type Stage = (typeof STAGES)[number];

export const CQC_DOMAINS = ["safe", "effective", "caring", "responsive", "well_led"] as const;
export type CqcDomain = (typeof CQC_DOMAINS)[number];

export const ORIGINS = ["cqc_must_do", "cqc_should_do", "staff_idea", "lia_wave", "other"] as const;
export type Origin = (typeof ORIGINS)[number];

export const RAGS = ["red", "amber", "green"] as const;
export type Rag = (typeof RAGS)[number];

export const PDSA_STATUSES = ["planned", "doing", "studying", "done"] as const;
export type PdsaStatus = (typeof PDSA_STATUSES)[number];

export const PDSA_DECISIONS = ["adopt", "adapt", "abandon"] as const;
export type PdsaDecision = (typeof PDSA_DECISIONS)[number];

export const MEASURE_TYPES = ["outcome", "process", "balancing"] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const MEASURE_UNITS = ["percent", "count", "rate", "minutes", "days", "other"] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/** SPC chart types (ADR 030): XmR, run, p, p′ (pp), u, u′ (up), c, g and t, as qicharts2 names them. */
export const CHART_TYPES = ["xmr", "run", "p", "pp", "u", "up", "c", "g", "t"] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const IMPROVEMENT_DIRECTIONS = ["increase", "decrease", "neutral"] as const;
export type ImprovementDirection = (typeof IMPROVEMENT_DIRECTIONS)[number];

export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const VARIATION_ICONS = [
  "common_cause",
  "special_cause_improvement_high",
  "special_cause_improvement_low",
  "special_cause_concern_high",
  "special_cause_concern_low",
  "special_cause_neutral_high",
  "special_cause_neutral_low",
] as const;
export type VariationIcon = (typeof VARIATION_ICONS)[number];

export const ASSURANCE_ICONS = ["consistent_pass", "consistent_fail", "inconsistent"] as const;
export type AssuranceIcon = (typeof ASSURANCE_ICONS)[number];

export const ASK_STATES = ["open", "accepted", "resolved", "declined"] as const;
export type AskState = (typeof ASK_STATES)[number];

export const ASK_ADDRESSEES = ["board", "person"] as const;
export type AskAddressee = (typeof ASK_ADDRESSEES)[number];

export const MEETING_DECISIONS = ["continue", "support", "escalate", "close", "celebrate", "defer"] as const;
export type MeetingDecision = (typeof MEETING_DECISIONS)[number];

export const MEETING_STATES = ["planned", "closed"] as const;

export const WIN_EVIDENCE_KINDS = ["measure_improvement", "milestone_completed", "change_adopted", "other"] as const;

export const CQC_ACTION_KINDS = ["must_do", "should_do"] as const;

/** IHI project progress scale, 0.5 to 5.0 in half steps (see docs/DOMAIN notes). */
export const PROGRESS_SCORES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] as const;
export type ProgressScore = (typeof PROGRESS_SCORES)[number];

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "auth.session_expired",
  "auth.password_changed",
  "auth.password_change_failed",
  "auth.password_change_throttled",
  "auth.permission_denied",
  "auth.two_factor_enabled",
  "auth.second_factor_failed",
  "auth.sso_refused",
  "auth.sso_linked",
  "user.two_factor_reset",
  "user.break_glass_changed",
  "user.role_mapping_changed",
  "user.created",
  "user.updated",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "invitation.issued",
  "invitation.revoked",
  "invitation.accepted",
  "user.handed_over",
  "programme.updated",
  "project.created",
  "project.proposed",
  "project.closed",
  "project.updated",
  "project.approved",
  "project.declined",
  "project.stage_changed",
  "project.team_changed",
  "project.progress_scored",
  "change_idea.created",
  "change_idea.updated",
  "change_idea.removed",
  "change_idea.picked",
  "change_idea.ready_to_spread",
  "change_idea.spread_withdrawn",
  "change_idea.adopted_from",
  "change_idea.spread",
  "driver.created",
  "driver.updated",
  "driver.removed",
  "driver.linked",
  "driver.unlinked",
  "pdsa.created",
  "pdsa.updated",
  "pdsa.deleted",
  "milestone.created",
  "milestone.updated",
  "milestone.rebaselined",
  "milestone.completed",
  "milestone.deleted",
  "measure.created",
  "measure.updated",
  "measure.deleted",
  "measure.data_changed",
  "status_report.created",
  "ask.created",
  "ask.answered",
  "ask.updated",
  "board.assessed",
  "meeting.created",
  "meeting.updated",
  "meeting.closed",
  "meeting.agenda_changed",
  "meeting.decision_recorded",
  "action.created",
  "action.updated",
  "action.completed",
  "project.presentation_changed",
  "win.recorded",
  "win.dismissed",
  "cqc.updated",
  "notification.preferences_changed",
  "notification.unsubscribed",
  "notification.wins_digest_queued",
  "data.exported",
  "user.erased",
  "user.data_downloaded",
  "data.retention_applied",
  "comment.added",
  "comment.edited",
  "comment.deleted",
  "conversation.event_logged",
  "conversation.event_updated",
  "conversation.event_removed",
  "conversation.theme_added",
  "conversation.theme_updated",
  "conversation.theme_removed",
  "conversation.priority_created",
  "conversation.priority_updated",
  "wave.sponsor_set",
  "wave.champion_added",
  "wave.champion_removed",
  "wave.event_logged",
  "wave.event_updated",
  "wave.event_removed",
  "team.mission_saved",
  "team.quick_win_added",
  "team.quick_win_removed",
  "team.story_added",
  "team.story_updated",
  "team.story_removed",
  "pulse.campaign_created",
  "pulse.campaign_updated",
  "training.level_added",
  "training.level_changed",
  "training.recorded",
  "training.removed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Driver diagrams: a primary driver moves the aim; a secondary driver moves a primary one. */
export const DRIVER_LEVELS = ["primary", "secondary"] as const;
export type DriverLevel = (typeof DRIVER_LEVELS)[number];
/** The PICK chart's two ratings of a change idea. */
export const PICK_IMPACTS = ["high", "low"] as const;
export type PickImpact = (typeof PICK_IMPACTS)[number];
export const PICK_EASES = ["easy", "hard"] as const;
export type PickEase = (typeof PICK_EASES)[number];

/** The kinds of dated event in a wave's timeline (ADR 110). */
export const WAVE_EVENT_KINDS = ["launch", "conversation", "checkpoint", "pass_it_on"] as const;
export type WaveEventKind = (typeof WAVE_EVENT_KINDS)[number];
