ALTER TABLE `change_ideas` ADD `origin_change_idea_id` integer REFERENCES change_ideas(id);--> statement-breakpoint
CREATE INDEX `change_ideas_origin_idx` ON `change_ideas` (`origin_change_idea_id`);