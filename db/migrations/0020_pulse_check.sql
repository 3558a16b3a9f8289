CREATE TABLE `pulse_answer_scores` (
	`answer_id` integer NOT NULL,
	`position` integer NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`answer_id`, `position`),
	FOREIGN KEY (`answer_id`) REFERENCES `pulse_answers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "pulse_answer_scores_score_ck" CHECK(score between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE `pulse_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`division_id` integer,
	`participant` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `pulse_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`division_id`) REFERENCES `divisions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pulse_answers_campaign_idx` ON `pulse_answers` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `pulse_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`audience` text NOT NULL,
	`wave_id` integer,
	`kind` text NOT NULL,
	`baseline_id` integer,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`token` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`baseline_id`) REFERENCES `pulse_campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "pulse_campaigns_dates_ck" CHECK(closes_on >= opens_on),
	CONSTRAINT "pulse_campaigns_opens_on_ck" CHECK(opens_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "pulse_campaigns_closes_on_ck" CHECK(closes_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "pulse_campaigns_audience_ck" CHECK(audience in ('trust', 'wave') and (audience = 'trust' or wave_id is not null)),
	CONSTRAINT "pulse_campaigns_kind_ck" CHECK((kind = 'baseline' and baseline_id is null) or (kind = 'follow_up' and baseline_id is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pulse_campaigns_token_uq` ON `pulse_campaigns` (`token`);--> statement-breakpoint
CREATE INDEX `pulse_campaigns_wave_idx` ON `pulse_campaigns` (`wave_id`);--> statement-breakpoint
CREATE TABLE `pulse_statements` (
	`campaign_id` integer NOT NULL,
	`position` integer NOT NULL,
	`wording` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `position`),
	FOREIGN KEY (`campaign_id`) REFERENCES `pulse_campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
