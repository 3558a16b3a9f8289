ALTER TABLE `milestones` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `pdsa_cycles` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `project_summaries` ADD `reference` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `reference` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `imported_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `projects_programme_reference_uq` ON `projects` (`programme_id`,`reference`);--> statement-breakpoint
ALTER TABLE `status_reports` ADD `imported_at` integer;