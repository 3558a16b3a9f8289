ALTER TABLE `cqc_actions` ADD `owner_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `cqc_actions` ADD `due_on` text;--> statement-breakpoint
ALTER TABLE `cqc_actions` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `division_id` integer REFERENCES divisions(id);--> statement-breakpoint
ALTER TABLE `waves` ADD `archived_at` integer;