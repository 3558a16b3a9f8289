ALTER TABLE `change_ideas` ADD `spread_summary` text;--> statement-breakpoint
ALTER TABLE `change_ideas` ADD `spread_ready_at` integer;