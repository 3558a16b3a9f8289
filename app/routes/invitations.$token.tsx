// Accepting an invitation (docs/decisions/075): signed out, the person chooses their own password and is signed in.
// A used, expired, withdrawn or unknown link gets a page saying what happened and what to do.
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { InsetText, SummaryList } from "~/components/nhs";
import { getDb } from "~/db.server";
import { INVITATION_PROBLEMS } from "~/domain/invitation";
import { ROLE_LABELS } from "~/domain/labels";
import { hashPassword, passwordProblem } from "~/auth/password.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-rules";
import { newSession } from "~/auth/session.server";
import { oidcSettings } from "~/auth/oidc.server";
import { nowMs } from "~/clock.server";
import { acceptInvitation, invitationProblem } from "~/models/invitation-commands.server";
import { findInvitation } from "~/models/invitation.server";
import { formatDateTime } from "~/web/dates";
import { parseSubmission } from "~/forms/submission.server";

export const meta: MetaFunction = () => [{ title: "Your invitation – Stepping Up" }];

const AcceptSchema = z
  .object({
    newPassword: z
      .string({ error: "Enter a password" })
      .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
      .max(PASSWORD_MAX, `Password must be ${PASSWORD_MAX} characters or fewer`),
    confirmPassword: z.string({ error: "Enter the password again" }),
    // The hidden username lets password managers save the pair; it is part of the schema because the
    // browser checks the form with this same strict schema before posting it.
    username: z.string().optional(),
  })
  .strict()
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

type Problem = (typeof INVITATION_PROBLEMS)[keyof typeof INVITATION_PROBLEMS];

function read(token: string) {
  const inv = findInvitation(getDb(), token);
  const problem = invitationProblem(inv, nowMs());
  return { inv, problem };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { inv, problem } = read(params.token ?? "");
  const sso = oidcSettings()?.label ?? null;
  if (problem || !inv)
    return data({ problem: INVITATION_PROBLEMS[problem ?? "unknown"] as Problem, person: null, sso }, { status: problem === "unknown" ? 404 : 410 });
  return { problem: null, person: { name: inv.name, email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString() }, sso };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const { inv, problem } = read(token);
  const submission = parseSubmission(await request.formData(), { schema: AcceptSchema });
  const hide = { hideFields: ["newPassword", "confirmPassword"] };
  if (problem || !inv)
    return data({ problem: INVITATION_PROBLEMS[problem ?? "unknown"] as Problem, result: null }, { status: problem === "unknown" ? 404 : 410 });
  if (submission.status !== "success") return data({ problem: null, result: submission.reply(hide) }, { status: 400 });
  const tooWeak = passwordProblem(submission.value.newPassword);
  if (tooWeak) return data({ problem: null, result: submission.reply({ ...hide, fieldErrors: { newPassword: [tooWeak] } }) }, { status: 400 });

  const session = await newSession(context, inv.userId, request.headers.get("User-Agent") ?? "");
  const accepted = acceptInvitation(getDb(), {
    token,
    passwordHash: await hashPassword(submission.value.newPassword),
    session: session.row,
    ip: context.clientIp,
  });
  if (!accepted.ok) {
    const key = accepted.refused as keyof typeof INVITATION_PROBLEMS;
    return data({ problem: (INVITATION_PROBLEMS[key] ?? INVITATION_PROBLEMS.unknown) as Problem, result: null }, { status: 409 });
  }
  return redirect("/", { headers: { "Set-Cookie": session.cookie } });
}

function ProblemPage({ problem, sso }: { problem: Problem; sso: string | null }) {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{problem.heading}</h1>
        <p>{problem.body}</p>
        {sso ? <p>If your organisation account works here, you can sign in with it instead.</p> : null}
        <p>
          <Link to="/login">Go to the sign-in page</Link>
        </p>
      </div>
    </div>
  );
}

export default function Invitation() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useNhsForm(AcceptSchema, answer?.result);
  const problem = answer?.problem ?? loaded.problem;
  if (problem || !loaded.person) return <ProblemPage problem={problem ?? INVITATION_PROBLEMS.unknown} sso={loaded.sso} />;
  const person = loaded.person;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={{ newPassword: fields.newPassword, confirmPassword: fields.confirmPassword }} />
        <h1>Welcome to Stepping Up</h1>
        <p>You have been invited to the trust&apos;s quality improvement portfolio.</p>
        <SummaryList
          rows={[
            { key: "Name", value: person.name },
            { key: "Email", value: person.email },
            { key: "Role", value: ROLE_LABELS[person.role] },
          ]}
        />
        {loaded.sso ? (
          <InsetText>
            <p>
              Your organisation account works here: <Link to="/auth/oidc">{loaded.sso}</Link>. You do not need a Stepping Up password; set one below only if you
              have been asked to.
            </p>
          </InsetText>
        ) : null}
        <h2>Choose your password</h2>
        <p>This link works once, until {formatDateTime(person.expiresAt)}. You will be signed in when you have chosen your password.</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="username" value={person.email} autoComplete="username" />
          <TextField
            field={fields.newPassword}
            label="New password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password. Common passwords are not allowed.`}
          />
          <TextField field={fields.confirmPassword} label="New password again" type="password" autoComplete="new-password" />
          <button className="nhsuk-button" type="submit">
            Set password and sign in
          </button>
        </Form>
      </div>
    </div>
  );
}
