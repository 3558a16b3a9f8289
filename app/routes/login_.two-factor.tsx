// The second step of signing in: after the right password, a code from the authenticator app or a
// recovery code. The session begins only here (app/auth/pending-sign-in.server.ts holds the first step).
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { Details } from "~/components/nhs";
import { getDb } from "~/db.server";
import { getOptionalUser } from "~/auth/guards.server";
import { parseSubmission } from "~/forms/submission.server";
import { actorOf } from "~/auth/actor.server";
import { deviceNonceFor, issueDeviceCookie } from "~/auth/device-cookie.server";
import { endedPendingSignIn, readPendingSignIn } from "~/auth/pending-sign-in.server";
import { checkSecondFactor } from "~/auth/second-factor.server";
import { isSecondFactorInput } from "~/auth/second-factor-rules";
import { newSession } from "~/auth/session.server";
import { completeSecondFactor, failSecondFactor } from "~/models/two-factor-commands.server";
import { CODE_ALREADY_USED } from "~/domain/two-factor-messages";
import { auditThrottled, signInThrottle } from "~/models/sign-in-attempt.server";
import { getUser } from "~/models/user.server";

export const meta: MetaFunction = () => [{ title: "Enter your code – Sign in – Stepping Up" }];

// Retry-After on a throttled attempt.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

const CodeSchema = z
  .object({
    code: z
      .string({ error: "Enter the 6-digit code from your authenticator app" })
      .trim()
      .max(40, "Enter the 6-digit code from your authenticator app, or a recovery code")
      .refine(isSecondFactorInput, "Enter the 6-digit code from your authenticator app, or a recovery code like abcd-efgh-ijkl-mnop"),
  })
  .strict();

const WRONG = "The code is not right. Enter the code your authenticator app shows now.";
const WRONG_RECOVERY = "That recovery code is not right, or it has already been used.";

/** Back to the first step, forgetting the half-finished sign-in. */
/** Back to the password step; someone already signed in has nothing to finish and goes home. */
async function startAgain(request: Request, context: LoaderFunctionArgs["context"]) {
  const signedIn = await getOptionalUser(request, context);
  return redirect(signedIn ? "/" : "/login", { headers: { "Set-Cookie": await endedPendingSignIn(context) } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const pending = await readPendingSignIn(request, context);
  if (!pending) throw await startAgain(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await readPendingSignIn(request, context);
  if (!pending) return startAgain(request, context);
  const db = getDb();
  const user = getUser(db, pending.userId);
  // A reset, a role change or a disabled account since the password step voids it.
  if (!user || user.version !== pending.version || user.disabledAt) return startAgain(request, context);

  const submission = parseSubmission(await request.formData(), { schema: CodeSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["code"] }), { status: 400 });
  const attempt = { email: user.email, ip: context.clientIp, device: await deviceNonceFor(request, context, user.email) };
  const throttle = signInThrottle(db, attempt);
  if (throttle) {
    auditThrottled(db, "auth.sign_in_throttled", throttle, attempt);
    const minutes = Math.ceil(throttle.retryMs / 60_000);
    return data(
      submission.reply({
        formErrors: [`Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`],
        hideFields: ["code"],
      }),
      { status: 429, headers: { "Retry-After": String(Math.ceil(throttle.retryMs / 1000)) } },
    );
  }

  const actor = actorOf(user, context);
  const check = checkSecondFactor(db, user.id, submission.value.code);
  if (!check.ok) {
    if (check.reason === "none") return startAgain(request, context);
    failSecondFactor(db, actor, { attempt, reason: check.reason });
    const message = check.reason === "replayed" ? CODE_ALREADY_USED : check.reason === "recovery" ? WRONG_RECOVERY : WRONG;
    return data(submission.reply({ fieldErrors: { code: [message] }, hideFields: ["code"] }), { status: 401 });
  }
  const method = check.factor.kind === "totp" ? "password+totp" : "password+recovery";
  const session = await newSession(context, user.id, request.headers.get("User-Agent") ?? "", method);
  const done = completeSecondFactor(db, actor, { attempt, factor: check.factor, session: session.row });
  if (!done.ok) {
    // Another request spent the same code a moment ago.
    failSecondFactor(db, actor, { attempt, reason: "replayed" });
    return data(submission.reply({ fieldErrors: { code: [CODE_ALREADY_USED] }, hideFields: ["code"] }), { status: 401 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", session.cookie);
  headers.append("Set-Cookie", await issueDeviceCookie(request, context, user.email));
  headers.append("Set-Cookie", await endedPendingSignIn(context));
  const target = pending.redirectTo;
  return redirect(user.mustChangePassword ? `/account/password?${new URLSearchParams({ redirectTo: target })}` : target, { headers });
}

export default function SignInSecondStep() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useNhsForm(CodeSchema, lastResult);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-one-half">
        <ErrorSummary form={form} fields={{ code: fields.code }} />
        <h1>Enter your code</h1>
        <p>Open the authenticator app on your phone and enter the 6-digit code it shows for Stepping Up.</p>
        <Form method="post" {...getFormProps(form)}>
          <TextField field={fields.code} label="Code" width={10} autoComplete="one-time-code" />
          <button className="nhsuk-button" type="submit">
            Continue
          </button>
        </Form>
        <Details summary="I cannot use my authenticator app">
          <p>
            Enter one of the recovery codes you saved when you set up two-factor authentication, in the box above. Each recovery code works once. If you have
            none left, ask your Stepping Up administrator to reset your two-factor authentication.
          </p>
        </Details>
        <p>
          <Link to="/login">Start again</Link>
        </p>
      </div>
    </div>
  );
}
