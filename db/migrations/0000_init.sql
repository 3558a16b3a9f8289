CREATE TABLE `asks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`status_report_id` integer,
	`what` text NOT NULL,
	`addressee` text DEFAULT 'board' NOT NULL,
	`addressee_user_id` integer,
	`due_on` text,
	`state` text DEFAULT 'open' NOT NULL,
	`response` text DEFAULT '' NOT NULL,
	`answered_by` integer,
	`answered_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`status_report_id`) REFERENCES `status_reports`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`addressee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "asks_state_ck" CHECK(state in ('open', 'accepted', 'resolved', 'declined')),
	CONSTRAINT "asks_addressee_ck" CHECK(addressee = 'board' or addressee_user_id is not null)
);
--> statement-breakpoint
CREATE INDEX `asks_project_idx` ON `asks` (`project_id`);--> statement-breakpoint
CREATE INDEX `asks_state_created_idx` ON `asks` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`actor_email` text DEFAULT '' NOT NULL,
	`action` text NOT NULL,
	`entity_type` text DEFAULT '' NOT NULL,
	`entity_id` integer,
	`project_id` integer,
	`summary` text NOT NULL,
	`details` text,
	`ip` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_user_at_idx` ON `audit_events` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_project_at_idx` ON `audit_events` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `board_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`meeting_id` integer,
	`rag` text NOT NULL,
	`reason` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`by_user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "board_assessments_rag_ck" CHECK(rag in ('red', 'amber', 'green'))
);
--> statement-breakpoint
CREATE INDEX `board_assessments_project_at_idx` ON `board_assessments` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `change_ideas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_ideas_project_title_uq` ON `change_ideas` (`project_id`,`title`);--> statement-breakpoint
CREATE TABLE `cqc_action_projects` (
	`cqc_action_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`cqc_action_id`, `project_id`),
	FOREIGN KEY (`cqc_action_id`) REFERENCES `cqc_actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cqc_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`text` text NOT NULL,
	`domain` text NOT NULL,
	`service` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cqc_actions_programme_ref_uq` ON `cqc_actions` (`programme_id`,`reference`);--> statement-breakpoint
CREATE TABLE `divisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`retired_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `divisions_programme_name_uq` ON `divisions` (`programme_id`,`name`);--> statement-breakpoint
CREATE TABLE `measure_annotations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`period_date` text NOT NULL,
	`text` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `measure_annotations_measure_idx` ON `measure_annotations` (`measure_id`,`period_date`);--> statement-breakpoint
CREATE TABLE `measure_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`period_date` text NOT NULL,
	`value` real NOT NULL,
	`numerator` real,
	`denominator` real,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "measure_points_period_ck" CHECK(period_date glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "measure_points_denominator_ck" CHECK(denominator is null or denominator > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_points_measure_period_uq` ON `measure_points` (`measure_id`,`period_date`);--> statement-breakpoint
CREATE TABLE `measure_rebases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`period_date` text NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "measure_rebases_reason_ck" CHECK(length(trim(reason)) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_rebases_measure_period_uq` ON `measure_rebases` (`measure_id`,`period_date`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`unit_label` text DEFAULT '' NOT NULL,
	`rate_per` integer,
	`improvement` text NOT NULL,
	`target` real,
	`target_date` text,
	`frequency` text NOT NULL,
	`data_owner` text DEFAULT '' NOT NULL,
	`data_source` text DEFAULT '' NOT NULL,
	`uses_ratio` integer DEFAULT false NOT NULL,
	`baseline_points` integer,
	`is_primary` integer DEFAULT false NOT NULL,
	`spc_points` integer DEFAULT 0 NOT NULL,
	`spc_latest_date` text,
	`spc_latest_value` real,
	`spc_latest_signal` text,
	`spc_variation_icon` text,
	`spc_assurance_icon` text,
	`spc_mean` real,
	`spc_ucl` real,
	`spc_lcl` real,
	`spc_sparkline` text,
	`spc_computed_at` integer,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "measures_type_ck" CHECK(type in ('outcome', 'process', 'balancing')),
	CONSTRAINT "measures_unit_ck" CHECK(unit in ('percent', 'count', 'rate', 'minutes', 'days', 'other')),
	CONSTRAINT "measures_improvement_ck" CHECK(improvement in ('increase', 'decrease', 'neutral')),
	CONSTRAINT "measures_frequency_ck" CHECK(frequency in ('daily', 'weekly', 'monthly')),
	CONSTRAINT "measures_baseline_ck" CHECK(baseline_points is null or baseline_points >= 12)
);
--> statement-breakpoint
CREATE INDEX `measures_project_idx` ON `measures` (`project_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `measures_one_primary_uq` ON `measures` (`project_id`) WHERE is_primary = 1 and deleted_at is null;--> statement-breakpoint
CREATE TABLE `meeting_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`project_id` integer,
	`text` text NOT NULL,
	`owner_user_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`completed_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `meeting_actions_owner_idx` ON `meeting_actions` (`owner_user_id`,`completed_on`);--> statement-breakpoint
CREATE INDEX `meeting_actions_meeting_idx` ON `meeting_actions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`position` integer NOT NULL,
	`reason_suggested` text DEFAULT '' NOT NULL,
	`decision` text,
	`notes` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_items_meeting_project_uq` ON `meeting_items` (`meeting_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`title` text NOT NULL,
	`meeting_date` text NOT NULL,
	`attendees` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`snapshot` text,
	`closed_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `meetings_programme_date_idx` ON `meetings` (`programme_id`,`meeting_date`);--> statement-breakpoint
CREATE TABLE `milestone_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `milestone_changes_milestone_idx` ON `milestone_changes` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`baseline_date` text NOT NULL,
	`forecast_date` text NOT NULL,
	`completed_on` text,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "milestones_baseline_ck" CHECK(baseline_date glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "milestones_forecast_ck" CHECK(forecast_date glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `milestones_project_idx` ON `milestones` (`project_id`);--> statement-breakpoint
CREATE TABLE `pdsa_cycle_measures` (
	`cycle_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `measure_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `pdsa_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pdsa_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`number` integer NOT NULL,
	`change_idea_id` integer NOT NULL,
	`previous_cycle_id` integer,
	`title` text NOT NULL,
	`question` text DEFAULT '' NOT NULL,
	`prediction` text DEFAULT '' NOT NULL,
	`plan_who` text DEFAULT '' NOT NULL,
	`plan_what` text DEFAULT '' NOT NULL,
	`plan_when` text DEFAULT '' NOT NULL,
	`plan_where` text DEFAULT '' NOT NULL,
	`plan_data_collection` text DEFAULT '' NOT NULL,
	`do_what_happened` text DEFAULT '' NOT NULL,
	`do_observations` text DEFAULT '' NOT NULL,
	`do_problems` text DEFAULT '' NOT NULL,
	`study_results` text DEFAULT '' NOT NULL,
	`study_learning` text DEFAULT '' NOT NULL,
	`act_decision` text,
	`act_next_step` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`deleted_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`change_idea_id`) REFERENCES `change_ideas`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "pdsa_cycles_status_ck" CHECK(status in ('planned', 'doing', 'studying', 'done')),
	CONSTRAINT "pdsa_cycles_decision_ck" CHECK(act_decision is null or act_decision in ('adopt', 'adapt', 'abandon')),
	CONSTRAINT "pdsa_cycles_dates_ck" CHECK(end_date is null or end_date >= start_date)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pdsa_cycles_project_number_uq` ON `pdsa_cycles` (`project_id`,`number`);--> statement-breakpoint
CREATE INDEX `pdsa_cycles_project_updated_idx` ON `pdsa_cycles` (`project_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`trust_name` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`milestone_slip_days` integer DEFAULT 30 NOT NULL,
	`pdsa_stale_weeks` integer DEFAULT 6 NOT NULL,
	`status_stale_weeks` integer DEFAULT 5 NOT NULL,
	`measure_gap_periods` integer DEFAULT 3 NOT NULL,
	`ask_open_days` integer DEFAULT 14 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `progress_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`score` real NOT NULL,
	`evidence` text NOT NULL,
	`by_user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "progress_scores_score_ck" CHECK(score between 0.5 and 5 and score * 2 = cast(score * 2 as integer)),
	CONSTRAINT "progress_scores_evidence_ck" CHECK(length(trim(evidence)) > 0)
);
--> statement-breakpoint
CREATE INDEX `progress_scores_project_at_idx` ON `progress_scores` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `project_cqc_domains` (
	`project_id` integer NOT NULL,
	`domain` text NOT NULL,
	PRIMARY KEY(`project_id`, `domain`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "project_cqc_domains_domain_ck" CHECK(domain in ('safe', 'effective', 'caring', 'responsive', 'well_led'))
);
--> statement-breakpoint
CREATE TABLE `project_team` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "project_team_role_ck" CHECK(role in ('executive_lead', 'operational_lead', 'clinical_lead', 'senior_manager', 'project_lead', 'member'))
);
--> statement-breakpoint
CREATE INDEX `project_team_project_idx` ON `project_team` (`project_id`);--> statement-breakpoint
CREATE INDEX `project_team_user_idx` ON `project_team` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `project_team_one_lead_uq` ON `project_team` (`project_id`,`role`) WHERE ended_at is null and role <> 'member';--> statement-breakpoint
CREATE UNIQUE INDEX `project_team_member_uq` ON `project_team` (`project_id`,`user_id`,`role`) WHERE ended_at is null;--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`title` text NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`proposal_idea` text DEFAULT '' NOT NULL,
	`aim_what` text DEFAULT '' NOT NULL,
	`aim_for_whom` text DEFAULT '' NOT NULL,
	`aim_measure` text DEFAULT '' NOT NULL,
	`aim_baseline` real,
	`aim_target` real,
	`aim_target_date` text,
	`scope` text DEFAULT '' NOT NULL,
	`division_id` integer,
	`service` text DEFAULT '' NOT NULL,
	`theme_id` integer,
	`origin` text DEFAULT 'staff_idea' NOT NULL,
	`origin_reference` text DEFAULT '' NOT NULL,
	`wave_id` integer,
	`stage` text DEFAULT 'proposed' NOT NULL,
	`stage_reason` text DEFAULT '' NOT NULL,
	`planned_start` text,
	`planned_end` text,
	`progress_score` real,
	`closure_aim_achieved` integer,
	`closure_evidence` text DEFAULT '' NOT NULL,
	`closure_adopted` text DEFAULT '' NOT NULL,
	`closure_sustain` text DEFAULT '' NOT NULL,
	`closure_owner` text DEFAULT '' NOT NULL,
	`closure_lessons` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`division_id`) REFERENCES `divisions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "projects_stage_ck" CHECK(stage in ('proposed', 'approved', 'active', 'sustaining', 'closed', 'stopped', 'declined')),
	CONSTRAINT "projects_origin_ck" CHECK(origin in ('cqc_must_do', 'cqc_should_do', 'staff_idea', 'lia_wave', 'other')),
	CONSTRAINT "projects_progress_score_ck" CHECK(progress_score is null or (progress_score between 0.5 and 5 and progress_score * 2 = cast(progress_score * 2 as integer))),
	CONSTRAINT "projects_planned_dates_ck" CHECK(planned_start is null or planned_end is null or planned_end >= planned_start)
);
--> statement-breakpoint
CREATE INDEX `projects_programme_stage_idx` ON `projects` (`programme_id`,`stage`);--> statement-breakpoint
CREATE INDEX `projects_theme_idx` ON `projects` (`theme_id`);--> statement-breakpoint
CREATE INDEX `projects_division_idx` ON `projects` (`division_id`);--> statement-breakpoint
CREATE INDEX `projects_wave_idx` ON `projects` (`wave_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`succeeded` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_email_at_idx` ON `sign_in_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_attempts_ip_at_idx` ON `sign_in_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `status_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`report_date` text NOT NULL,
	`rag` text NOT NULL,
	`rag_reason` text DEFAULT '' NOT NULL,
	`progress` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`risks` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "status_reports_rag_ck" CHECK(rag in ('red', 'amber', 'green')),
	CONSTRAINT "status_reports_reason_ck" CHECK(rag = 'green' or length(trim(rag_reason)) > 0)
);
--> statement-breakpoint
CREATE INDEX `status_reports_project_date_idx` ON `status_reports` (`project_id`,`report_date`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`retired_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_programme_name_uq` ON `themes` (`programme_id`,`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`job_title` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'viewer' NOT NULL,
	`password_hash` text,
	`must_change_password` integer DEFAULT false NOT NULL,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_role_ck" CHECK(role in ('admin', 'board', 'staff', 'viewer')),
	CONSTRAINT "users_email_lower_ck" CHECK(email = lower(email))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `waves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "waves_dates_ck" CHECK(ends_on > starts_on),
	CONSTRAINT "waves_starts_on_ck" CHECK(starts_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "waves_ends_on_ck" CHECK(ends_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waves_programme_number_uq` ON `waves` (`programme_id`,`number`);--> statement-breakpoint
CREATE TABLE `wins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`evidence_kind` text NOT NULL,
	`evidence_ref` text DEFAULT '' NOT NULL,
	`confirmed_by` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `wins_at_idx` ON `wins` (`at`);