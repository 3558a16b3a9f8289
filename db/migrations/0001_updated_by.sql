ALTER TABLE `asks` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `measures` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meeting_actions` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meetings` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `milestones` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `pdsa_cycles` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `projects` ADD `updated_by` integer REFERENCES users(id);