CREATE TABLE `conversation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`site` text NOT NULL,
	`staff_group` text NOT NULL,
	`facilitator_user_id` integer NOT NULL,
	`attendance` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`facilitator_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "conversation_events_held_on_ck" CHECK(held_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "conversation_events_attendance_ck" CHECK(attendance >= 0)
);
--> statement-breakpoint
CREATE INDEX `conversation_events_programme_idx` ON `conversation_events` (`programme_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `conversation_priorities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`owner_user_id` integer NOT NULL,
	`assurance` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "conversation_priorities_assurance_ck" CHECK(assurance in ('consistent_pass', 'consistent_fail', 'inconsistent'))
);
--> statement-breakpoint
CREATE INDEX `conversation_priorities_programme_idx` ON `conversation_priorities` (`programme_id`);--> statement-breakpoint
CREATE TABLE `conversation_themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`text` text NOT NULL,
	`mentions` integer,
	`priority_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `conversation_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`priority_id`) REFERENCES `conversation_priorities`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "conversation_themes_mentions_ck" CHECK(mentions is null or mentions >= 1)
);
--> statement-breakpoint
CREATE INDEX `conversation_themes_event_idx` ON `conversation_themes` (`event_id`);--> statement-breakpoint
CREATE INDEX `conversation_themes_priority_idx` ON `conversation_themes` (`priority_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_meeting_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer,
	`priority_id` integer,
	`project_id` integer,
	`text` text NOT NULL,
	`owner_user_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`completed_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`priority_id`) REFERENCES `conversation_priorities`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "meeting_actions_home_ck" CHECK(meeting_id is not null or priority_id is not null)
);
--> statement-breakpoint
INSERT INTO `__new_meeting_actions`("id", "meeting_id", "project_id", "text", "owner_user_id", "due_on", "completed_on", "created_at", "updated_at", "updated_by", "version") SELECT "id", "meeting_id", "project_id", "text", "owner_user_id", "due_on", "completed_on", "created_at", "updated_at", "updated_by", "version" FROM `meeting_actions`;--> statement-breakpoint
DROP TABLE `meeting_actions`;--> statement-breakpoint
ALTER TABLE `__new_meeting_actions` RENAME TO `meeting_actions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `meeting_actions_owner_idx` ON `meeting_actions` (`owner_user_id`,`completed_on`);--> statement-breakpoint
CREATE INDEX `meeting_actions_meeting_idx` ON `meeting_actions` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `meeting_actions_priority_idx` ON `meeting_actions` (`priority_id`);