// Invitations to set one's own password (docs/decisions/075): how long a link lives, what state it is in,
// and the email that carries it. Pure: the clock and the link come in.
import { formatDateTime } from "~/domain/calendar";

/** An invitation link works for 7 days. */
export const INVITATION_DAYS = 7;
export const INVITATION_MS = INVITATION_DAYS * 24 * 60 * 60 * 1000;

export type InvitationState = "pending" | "used" | "expired" | "revoked";

export function invitationState(inv: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, nowMs: number): InvitationState {
  if (inv.usedAt) return "used";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= nowMs) return "expired";
  return "pending";
}

/** What the invitation page says when the link cannot be used, and what to do. */
export const INVITATION_PROBLEMS: Record<Exclude<InvitationState, "pending"> | "unknown" | "disabled", { heading: string; body: string }> = {
  used: {
    heading: "This invitation has already been used",
    body: "Your password has been set. Sign in with your email address and the password you chose. If you have forgotten it, ask your Stepping Up administrator to reset it.",
  },
  expired: {
    heading: "This invitation has expired",
    body: `Invitation links work for ${INVITATION_DAYS} days. Ask your Stepping Up administrator to send you a new one.`,
  },
  revoked: {
    heading: "This invitation is no longer valid",
    body: "A newer invitation may have been sent to you: use the link in the latest one. Otherwise ask your Stepping Up administrator for a new invitation.",
  },
  unknown: {
    heading: "This invitation link is not recognised",
    body: "Check that you copied the whole link from your invitation. If it still does not work, ask your Stepping Up administrator to send you a new one.",
  },
  disabled: {
    heading: "This account is disabled",
    body: "Ask your Stepping Up administrator if you think you should have access.",
  },
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 200);

export type InvitationEmailInput = {
  name: string;
  /** Absolute URL of the invitation page. */
  link: string;
  /** Absolute URL of the sign-in page. */
  signInUrl: string;
  expiresAt: Date;
  /** The single sign-on button's label when single sign-on is set up ("Sign in with NHSmail"), else null. */
  sso: string | null;
};

/** The invitation email in plain text and simple HTML; every value escaped. */
export function renderInvitationEmail(input: InvitationEmailInput) {
  const subject = "You have been invited to Stepping Up";
  const name = oneLine(input.name);
  const until = formatDateTime(input.expiresAt);
  const lines = input.sso
    ? [
        `You have been given an account on Stepping Up, the trust's quality improvement portfolio.`,
        `Sign in with your organisation account: open ${input.signInUrl} and choose "${oneLine(input.sso)}". You do not need a separate password.`,
        `If you need a Stepping Up password as well, set one with this link (it works once, until ${until}):`,
      ]
    : [
        `You have been given an account on Stepping Up, the trust's quality improvement portfolio.`,
        `Choose your password with this link. It works once, until ${until}:`,
      ];
  const text = [
    `Dear ${name},`,
    "",
    ...lines.flatMap((l) => [l, ""]),
    input.link,
    "",
    "If you were not expecting this email, you can ignore it.",
    "",
    "--",
    "Stepping Up: quality improvement",
    "",
  ].join("\n");
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f0f4f5;font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#212b32">',
    '<div style="background:#005eb8;color:#ffffff;padding:16px 24px;font-weight:bold;font-size:19px">Stepping Up</div>',
    '<div style="background:#ffffff;padding:24px;max-width:640px">',
    `<p>Dear ${escapeHtml(name)},</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(input.link)}" style="color:#005eb8;font-weight:bold">${input.sso ? "Set a Stepping Up password" : "Choose your password"}</a></p>`,
    '<p style="font-size:14px;color:#4c6272">If you were not expecting this email, you can ignore it.</p>',
    "</div></body></html>",
  ].join("\n");
  return { subject, text, html };
}
