CREATE TABLE `outcome_stories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`story` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `outcome_stories_project_idx` ON `outcome_stories` (`project_id`);--> statement-breakpoint
CREATE TABLE `team_missions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`mission` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_missions_project_uq` ON `team_missions` (`project_id`);--> statement-breakpoint
CREATE TABLE `team_quick_wins` (
	`win_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` integer,
	FOREIGN KEY (`win_id`) REFERENCES `wins`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `team_quick_wins_project_idx` ON `team_quick_wins` (`project_id`);--> statement-breakpoint
CREATE TABLE `wave_champions` (
	`wave_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` integer,
	PRIMARY KEY(`wave_id`, `user_id`),
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `wave_event_attendees` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `wave_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `wave_event_attendees_user_idx` ON `wave_event_attendees` (`user_id`);--> statement-breakpoint
CREATE TABLE `wave_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wave_id` integer NOT NULL,
	`kind` text NOT NULL,
	`held_on` text NOT NULL,
	`title` text NOT NULL,
	`attendance` integer,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "wave_events_kind_ck" CHECK(kind in ('launch', 'conversation', 'checkpoint', 'pass_it_on')),
	CONSTRAINT "wave_events_held_on_ck" CHECK(held_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "wave_events_attendance_ck" CHECK(attendance is null or attendance >= 0)
);
--> statement-breakpoint
CREATE INDEX `wave_events_wave_idx` ON `wave_events` (`wave_id`,`held_on`);--> statement-breakpoint
ALTER TABLE `waves` ADD `sponsor_user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `waves` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `waves` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `waves` ADD `updated_by` integer REFERENCES users(id);