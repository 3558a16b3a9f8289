ALTER TABLE `milestones` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `pdsa_cycles` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `projects` ADD `imported_at` integer;--> statement-breakpoint
ALTER TABLE `status_reports` ADD `imported_at` integer;