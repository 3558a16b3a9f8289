import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, useNhsForm, TextField } from "~/components/forms";
import { getDb } from "~/db.server";
import { getOptionalUser } from "~/auth/guards.server";
import { dummyVerify, verifyPassword } from "~/auth/password.server";
import { redirectField } from "~/web/safe-path";
import { newSession, safeRedirect } from "~/auth/session.server";
import { deviceNonceFor, issueDeviceCookie } from "~/auth/device-cookie.server";
import { failSignIn, signIn } from "~/models/sign-in.server";
import { auditThrottled, signInThrottle } from "~/models/sign-in-attempt.server";
import { findUserForSignIn } from "~/models/user.server";
import { getConfirmedTwoFactor } from "~/models/two-factor.server";
import { localPasswordAllowed } from "~/auth/policy.server";
import { startPendingSignIn } from "~/auth/pending-sign-in.server";
import { oidcSettings } from "~/auth/oidc.server";
import { getEnv } from "~/env.server";

export const meta: MetaFunction = () => [{ title: "Sign in – Stepping Up" }];

const SignInSchema = z.object({
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org"),
  password: z.string({ error: "Enter your password" }).max(1024, "Password is too long"),
  redirectTo: redirectField(),
});

// Retry-After on a throttled attempt.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

const INCORRECT = "Email or password is incorrect";
const LOCAL_OFF = "Passwords are turned off for your account. Sign in with your organisation account instead.";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  // Single sign-on, when configured, comes first; AUTH_LOCAL=0 keeps the password form for break-glass accounts.
  return { sso: oidcSettings()?.label ?? null, passwordsOff: getEnv().AUTH_LOCAL === "0" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const submission = parseSubmission(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ip = context.clientIp;
  const attempt = { email, ip, device: await deviceNonceFor(request, context, email) };

  const throttle = signInThrottle(db, attempt);
  if (throttle) {
    const { retryMs } = throttle;
    const minutes = Math.ceil(retryMs / 60_000);
    auditThrottled(db, "auth.sign_in_throttled", throttle, attempt);
    return data(
      submission.reply({
        formErrors: [`Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`],
        hideFields: ["password"],
      }),
      { status: 429, headers: { "Retry-After": String(Math.ceil(retryMs / 1000)) } },
    );
  }

  const user = findUserForSignIn(db, email);
  // Verify against a dummy hash for unknown accounts so the answer takes as long either way.
  const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!user || !user.passwordHash || !passwordOk || user.disabledAt) {
    failSignIn(db, attempt, user);
    return data(submission.reply({ formErrors: [INCORRECT], hideFields: ["password"] }), { status: 401 });
  }

  if (!localPasswordAllowed(user)) {
    // Only after the right password, so the answer does not tell who has an account.
    failSignIn(db, attempt, user, "local passwords are turned off");
    return data(submission.reply({ formErrors: [LOCAL_OFF], hideFields: ["password"] }), { status: 403 });
  }
  if (getConfirmedTwoFactor(db, user.id)) {
    // No session yet: the second step asks for a code from the authenticator app.
    const pending = await startPendingSignIn(context, { userId: user.id, version: user.version, redirectTo: safeRedirect(redirectTo) });
    return redirect("/login/two-factor", { headers: { "Set-Cookie": pending } });
  }

  const session = await newSession(context, user.id, request.headers.get("User-Agent") ?? "");
  signIn(db, { id: user.id, email: user.email, ip }, { attempt, session: session.row });
  const headers = new Headers();
  headers.append("Set-Cookie", session.cookie);
  headers.append("Set-Cookie", await issueDeviceCookie(request, context, user.email));
  const target = safeRedirect(redirectTo);
  const next = user.mustChangePassword ? `/account/password?${new URLSearchParams({ redirectTo: target })}` : target;
  return redirect(next, { headers });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const { sso, passwordsOff } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useNhsForm(SignInSchema, lastResult);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-one-half">
        <ErrorSummary form={form} fields={{ email: fields.email, password: fields.password }} />
        <h1>Sign in to Stepping Up</h1>
        {sso ? (
          <>
            <p>
              <a className="nhsuk-button" href={`/auth/oidc?${new URLSearchParams({ redirectTo: searchParams.get("redirectTo") ?? "/" })}`}>
                {sso}
              </a>
            </p>
            <h2 className="nhsuk-heading-s app-sign-in-divider">{passwordsOff ? "Break-glass accounts only" : "Or sign in with a Stepping Up password"}</h2>
          </>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <TextField field={fields.email} label="Email address" type="email" autoComplete="username" />
          <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
          <button className="nhsuk-button" type="submit" disabled={navigation.state === "submitting"}>
            Sign in
          </button>
        </Form>
        <p className="nhsuk-body-s app-muted">Forgotten your password? Ask your Stepping Up administrator to reset it.</p>
      </div>
    </div>
  );
}
