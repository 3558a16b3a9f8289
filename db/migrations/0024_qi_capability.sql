CREATE TABLE `training_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`retired_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_levels_programme_name_uq` ON `training_levels` (`programme_id`,`name`);--> statement-breakpoint
CREATE INDEX `training_levels_programme_idx` ON `training_levels` (`programme_id`,`position`);--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`level_id` integer NOT NULL,
	`achieved_on` text NOT NULL,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	`removed_by` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`level_id`) REFERENCES `training_levels`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "training_records_achieved_on_ck" CHECK(achieved_on glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `training_records_user_idx` ON `training_records` (`user_id`);--> statement-breakpoint
CREATE INDEX `training_records_level_idx` ON `training_records` (`level_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_records_user_level_uq` ON `training_records` (`user_id`,`level_id`) WHERE removed_at is null;