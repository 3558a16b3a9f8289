// What the two-factor step says when a code is refused; the sign-in page and the command share it.
export const CODE_ALREADY_USED = "That code has already been used. Wait for the next code and enter it.";
