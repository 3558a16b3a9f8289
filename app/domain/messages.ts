// Refusals that a command gives and a form shows beside its field: one wording for both.
export const EMAIL_TAKEN = "An account with this email address already exists";
export const NOT_ASKABLE = "Choose a person from the list";
