ALTER TABLE `milestones` ADD `owner_user_id` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `milestones_owner_user_idx` ON `milestones` (`owner_user_id`);--> statement-breakpoint
CREATE INDEX `users_active_name_idx` ON `users` (`name`) WHERE disabled_at is null;