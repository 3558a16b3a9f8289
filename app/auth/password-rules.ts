// Password length limits, shared by the server and the change-password form in the browser.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
