CREATE TABLE `form_tokens` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`token` text NOT NULL,
	`location` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`, `token`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `form_tokens_created_at_idx` ON `form_tokens` (`created_at`);--> statement-breakpoint
ALTER TABLE `sign_in_attempts` ADD `device` text;--> statement-breakpoint
CREATE INDEX `sign_in_attempts_device_at_idx` ON `sign_in_attempts` (`device`,`at`);