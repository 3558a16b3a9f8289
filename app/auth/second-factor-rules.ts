// What a second-factor entry looks like, shared by the server and the sign-in form in the browser.
export const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
export const looksLikeRecoveryCode = (code: string) => /^[a-z2-7]{16}$/.test(normaliseRecoveryCode(code));
export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ""));
export const isSecondFactorInput = (code: string) => isTotpCode(code) || looksLikeRecoveryCode(code);
