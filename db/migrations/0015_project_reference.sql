ALTER TABLE `project_summaries` ADD `reference` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `reference` text;--> statement-breakpoint
CREATE UNIQUE INDEX `projects_programme_reference_uq` ON `projects` (`programme_id`,`reference`);