// What the users page filters people by.
export const USER_STATUSES = ["active", "invited", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = { active: "Active", invited: "Invited (not signed in yet)", disabled: "Disabled" };
export const USERS_PER_PAGE = 50;
