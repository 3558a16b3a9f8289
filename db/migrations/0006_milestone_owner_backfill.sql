-- A milestone's owner was free text. Where the text is exactly the name of one enabled account, the
-- milestone now names that person (and the text is cleared: the account's name is shown from now on).
-- Text that matches nobody, or more than one person, stays as the fallback text.
UPDATE `milestones`
SET `owner_user_id` = (SELECT u.`id` FROM `users` u WHERE u.`disabled_at` IS NULL AND u.`name` = trim(`milestones`.`owner`)),
    `owner` = ''
WHERE `owner_user_id` IS NULL
  AND trim(`owner`) <> ''
  AND (SELECT count(*) FROM `users` u WHERE u.`disabled_at` IS NULL AND u.`name` = trim(`milestones`.`owner`)) = 1;
