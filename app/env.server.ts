import { z } from "zod";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { trustProxySetting } from "~/auth/trust-proxy.server";

const flag = z.enum(["0", "1"]);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .min(1)
      .default("data/stepping-up.sqlite")
      .transform((v) => v.replace(/^file:/, "")),
    STEPPING_UP_DEMO: flag.default("1"),
    DEMO_PASSWORD: z.string().min(8, "DEMO_PASSWORD must be at least 8 characters").max(128).optional(),
    STEPPING_UP_TODAY: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "STEPPING_UP_TODAY must be YYYY-MM-DD")
      .refine((v) => isValid(parseISO(v)), "STEPPING_UP_TODAY is not a real date")
      .optional(),
    CHROME_PATH: z.string().optional(),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(12),
    TRUST_PROXY: trustProxySetting,
    // Sign-in (docs/decisions/032 and 033). The address people reach the app at, e.g. https://qi.trust.nhs.uk.
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: "PUBLIC_URL must be the app's address, like https://qi.trust.nhs.uk" }).optional(),
    // Email (docs/decisions/041): the relay, e.g. smtps://user:password@smtp.trust.nhs.uk:465; unset keeps mail in the outbox.
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://host:25 or smtps://user:password@host:465")
      .optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
    // Scheduled work (docs/decisions/067): the hourly run in the server, and the hour digests go out from (UK time).
    // Rendered pages kept per server process (ADR 126), in MB of text; 0 turns the page cache off.
    PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
    SCHEDULED_JOBS: flag.default("1"),
    JOBS_EVERY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
    NOTIFY_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    /** Roles that must use a second factor: comma-separated, or `none`. Unset: `admin`, except in demo mode (none). */
    MFA_REQUIRED_ROLES: z
      .string()
      .regex(/^(none|[a-z]+(\s*,\s*[a-z]+)*)$/, "MFA_REQUIRED_ROLES must be roles separated by commas (admin,board) or none")
      .optional(),
    /** 0: passwords only for break-glass accounts (everyone else signs in through single sign-on). */
    AUTH_LOCAL: flag.default("1"),
    OIDC_ISSUER: z.url({ error: "OIDC_ISSUER must be the provider's issuer URL" }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().default("openid email profile"),
    OIDC_BUTTON_LABEL: z.string().max(80).default("Sign in with your organisation account"),
    OIDC_CREATE_USERS: flag.default("0"),
    OIDC_ROLE_CLAIM: z.string().max(100).optional(),
    // Retention (docs/decisions/082), in days; applied hourly and by `npm run retention`.
    RETENTION_AUDIT_DAYS: z.coerce.number().int().min(365, "RETENTION_AUDIT_DAYS must be at least 365 (a year)").max(36_500).default(2555),
    RETENTION_SESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RETENTION_NOTIFICATION_DAYS: z.coerce.number().int().min(7).max(3650).default(180),
    RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // The accessibility statement's contact for problems and other formats (docs/decisions/083).
    ACCESSIBILITY_CONTACT_EMAIL: z.email({ error: "ACCESSIBILITY_CONTACT_EMAIL must be an email address" }).optional(),
    ACCESSIBILITY_CONTACT_PHONE: z.string().max(40).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.PUBLIC_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "single sign-on also needs OIDC_CLIENT_ID and PUBLIC_URL (the redirect URI is PUBLIC_URL/auth/oidc/callback)",
      });
    }
    if (env.AUTH_LOCAL === "0" && !env.OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["AUTH_LOCAL"], message: "AUTH_LOCAL=0 turns passwords off, so it needs single sign-on (OIDC_ISSUER)" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parses the environment once; a bad value stops the server at start with a clear message. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
