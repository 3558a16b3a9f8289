CREATE TABLE `change_idea_drivers` (
	`change_idea_id` integer NOT NULL,
	`driver_id` integer NOT NULL,
	PRIMARY KEY(`change_idea_id`, `driver_id`),
	FOREIGN KEY (`change_idea_id`) REFERENCES `change_ideas`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `change_idea_drivers_driver_idx` ON `change_idea_drivers` (`driver_id`);--> statement-breakpoint
CREATE TABLE `change_idea_picks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_idea_id` integer NOT NULL,
	`impact` text NOT NULL,
	`ease` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`change_idea_id`) REFERENCES `change_ideas`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "change_idea_picks_impact_ck" CHECK(impact in ('high', 'low')),
	CONSTRAINT "change_idea_picks_ease_ck" CHECK(ease in ('easy', 'hard'))
);
--> statement-breakpoint
CREATE INDEX `change_idea_picks_idea_idx` ON `change_idea_picks` (`change_idea_id`);--> statement-breakpoint
CREATE TABLE `driver_links` (
	`primary_id` integer NOT NULL,
	`secondary_id` integer NOT NULL,
	PRIMARY KEY(`primary_id`, `secondary_id`),
	FOREIGN KEY (`primary_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`secondary_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "driver_links_not_self_ck" CHECK(primary_id <> secondary_id)
);
--> statement-breakpoint
CREATE INDEX `driver_links_secondary_idx` ON `driver_links` (`secondary_id`);--> statement-breakpoint
CREATE TABLE `driver_measures` (
	`driver_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	PRIMARY KEY(`driver_id`, `measure_id`),
	FOREIGN KEY (`driver_id`) REFERENCES `drivers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `drivers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`level` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "drivers_level_ck" CHECK(level in ('primary', 'secondary'))
);
--> statement-breakpoint
CREATE INDEX `drivers_project_idx` ON `drivers` (`project_id`);--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `version` integer DEFAULT 1 NOT NULL;