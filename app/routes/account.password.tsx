import { getFormProps } from "@conform-to/react";
import { parseSubmission } from "~/forms/submission.server";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, useNhsForm, TextField } from "~/components/forms";
import { SummaryList, WarningCallout } from "~/components/nhs";
import { getDb } from "~/db.server";
import { ROLE_LABELS } from "~/domain/labels";
import { requireUser } from "~/auth/guards.server";
import { hashPassword, passwordProblem, verifyPassword } from "~/auth/password.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { redirectField } from "~/web/safe-path";
import { actorOf } from "~/auth/actor.server";
import { newSession, safeRedirect } from "~/auth/session.server";
import { changeOwnPassword, failPasswordCheck } from "~/models/sign-in.server";
import { auditThrottled, passwordCheckThrottle } from "~/models/sign-in-attempt.server";
import { getUser } from "~/models/user.server";

// Retry-After on a throttled attempt.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export const meta: MetaFunction = () => [{ title: "Your account – Stepping Up" }];

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).max(1024),
    newPassword: z
      .string({ error: "Enter a new password" })
      .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
      .max(PASSWORD_MAX, `Password must be ${PASSWORD_MAX} characters or fewer`),
    confirmPassword: z.string({ error: "Enter the new password again" }),
    redirectTo: redirectField(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "The passwords do not match",
    path: ["confirmPassword"],
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { name: user.name, email: user.email, role: user.role, mustChange: user.mustChangePassword, twoFactorOn: user.twoFactorOn };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const submission = parseSubmission(await request.formData(), { schema: ChangePasswordSchema });
  const hide = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return data(submission.reply(hide), { status: 400 });
  const { currentPassword, newPassword, redirectTo } = submission.value;

  // Guessing the current password here is throttled like guessing it at sign-in.
  const attempt = { email: user.email, ip: context.clientIp, device: null };
  const throttle = passwordCheckThrottle(db, user.email);
  if (throttle) {
    auditThrottled(db, "auth.password_change_throttled", throttle, attempt);
    const minutes = Math.ceil(throttle.retryMs / 60_000);
    return data(
      submission.reply({
        ...hide,
        formErrors: [`Too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`],
      }),
      { status: 429, headers: { "Retry-After": String(Math.ceil(throttle.retryMs / 1000)) } },
    );
  }
  const account = getUser(db, user.id);
  if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, currentPassword))) {
    failPasswordCheck(db, actorOf(user, context));
    return data(submission.reply({ ...hide, fieldErrors: { currentPassword: ["Your current password is incorrect"] } }), {
      status: 400,
    });
  }
  const problem = passwordProblem(newPassword);
  if (problem) return data(submission.reply({ ...hide, fieldErrors: { newPassword: [problem] } }), { status: 400 });
  if (newPassword === currentPassword) {
    return data(
      submission.reply({
        ...hide,
        fieldErrors: { newPassword: ["Choose a password different from your current one"] },
      }),
      { status: 400 },
    );
  }

  const session = await newSession(context, user.id, request.headers.get("User-Agent") ?? "");
  changeOwnPassword(db, actorOf(user, context), {
    passwordHash: await hashPassword(newPassword),
    session: session.row,
  });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": session.cookie } });
}

export default function AccountPassword() {
  const account = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useNhsForm(ChangePasswordSchema, lastResult);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary
          form={form}
          fields={{
            currentPassword: fields.currentPassword,
            newPassword: fields.newPassword,
            confirmPassword: fields.confirmPassword,
          }}
        />
        <h1>{account.mustChange ? "Choose a new password" : "Your account"}</h1>
        {account.mustChange ? (
          <WarningCallout heading="Your password was reset" headingLevel={2}>
            <p>You signed in with a one-time password. Choose your own password to continue.</p>
          </WarningCallout>
        ) : (
          <SummaryList
            rows={[
              { key: "Name", value: account.name },
              { key: "Email", value: account.email },
              { key: "Role", value: ROLE_LABELS[account.role] },
            ]}
          />
        )}
        {account.mustChange ? null : (
          <p>
            <Link to="/account/two-factor">Two-factor authentication</Link>: {account.twoFactorOn ? "on" : "off"}
          </p>
        )}
        <h2>Change your password</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <TextField field={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
          <TextField
            field={fields.newPassword}
            label="New password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password. Common passwords are not allowed.`}
          />
          <TextField field={fields.confirmPassword} label="New password again" type="password" autoComplete="new-password" />
          <button className="nhsuk-button" type="submit">
            Change password
          </button>
        </Form>
      </div>
    </div>
  );
}
