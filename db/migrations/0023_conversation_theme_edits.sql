ALTER TABLE `conversation_themes` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `conversation_themes` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `conversation_themes` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversation_themes` ADD `deleted_at` integer;