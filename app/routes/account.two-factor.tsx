// Setting up two-factor authentication: a QR code (drawn on the server as SVG) and the secret as text
// for an authenticator app, confirmed by a first code; then ten recovery codes, shown once.
import { getFormProps } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useNhsForm } from "~/components/forms";
import { InsetText, SummaryList, WarningCallout } from "~/components/nhs";
import { getDb } from "~/db.server";
import { parseSubmission } from "~/forms/submission.server";
import { redirectField, safePath } from "~/web/safe-path";
import { valueOf } from "~/web/command-reply.server";
import { actorOf } from "~/auth/actor.server";
import { mustSetUpSecondFactor, requireUser } from "~/auth/guards.server";
import { checkFirstCode } from "~/auth/second-factor.server";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpQrSvg, totpUri, type QrSvg } from "~/auth/totp.server";
import { enableTwoFactor } from "~/models/two-factor-commands.server";
import { unusedRecoveryCodeCount } from "~/models/two-factor.server";

export const meta: MetaFunction = () => [{ title: "Two-factor authentication – Stepping Up" }];

const ConfirmSchema = z
  .object({
    secret: z.string().regex(/^[A-Z2-7]{16,64}$/, "Start again: the setup key was not recognised"),
    code: z
      .string({ error: "Enter the 6-digit code from your authenticator app" })
      .trim()
      .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"),
    redirectTo: redirectField(),
  })
  .strict();

type Setup = { secret: string; qr: QrSvg; account: string };

async function setupFor(email: string, secret?: string): Promise<Setup> {
  const key = secret ?? (await newTotpSecret());
  return { secret: key, qr: await totpQrSvg(totpUri(key, email)), account: email };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (user.twoFactorOn) return { on: true as const, codesLeft: unusedRecoveryCodeCount(getDb(), user.id), required: false, setup: null };
  // Nothing is stored until the first code proves the app has the secret.
  return { on: false as const, codesLeft: 0, required: mustSetUpSecondFactor(user), setup: await setupFor(user.email) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const db = getDb();
  const submission = parseSubmission(await request.formData(), { schema: ConfirmSchema });
  const secret = submission.status === "success" ? submission.value.secret : undefined;
  if (submission.status !== "success" || !secret) {
    return data({ result: submission.reply({ hideFields: ["code"] }), setup: await setupFor(user.email), codes: null, next: null }, { status: 400 });
  }
  const check = checkFirstCode(secret, submission.value.code);
  if (!check.ok) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { code: ["The code is not right. Check the app shows Stepping Up and enter the code it shows now."] },
          hideFields: ["code"],
        }),
        setup: await setupFor(user.email, secret),
        codes: null,
        next: null,
      },
      { status: 400 },
    );
  }
  const codes = newRecoveryCodes();
  valueOf(enableTwoFactor(db, actorOf(user, context), { secret, step: check.step, codeHashes: codes.map(hashRecoveryCode) }));
  return { result: null, setup: null, codes, next: safePath(submission.value.redirectTo) };
}

function QrCode({ qr }: { qr: QrSvg }) {
  return (
    <svg
      className="app-qr-code"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={qr.viewBox}
      shapeRendering="crispEdges"
      role="img"
      aria-label="QR code for your authenticator app"
    >
      {qr.paths.map((p, i) => (
        <path key={i} fill={p.fill ?? undefined} stroke={p.stroke ?? undefined} d={p.d} />
      ))}
    </svg>
  );
}

function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  return (
    <>
      <h1>Two-factor authentication is on</h1>
      <WarningCallout heading="Save your recovery codes now" headingLevel={2}>
        <p>
          If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep them somewhere safe, such as a password
          manager. They will not be shown again.
        </p>
      </WarningCallout>
      <ul className="nhsuk-list app-recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <Link className="nhsuk-button" to={next}>
        I have saved my recovery codes
      </Link>
    </>
  );
}

export default function TwoFactor() {
  const page = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useNhsForm(ConfirmSchema, done?.result ?? undefined);
  if (done?.codes) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RecoveryCodes codes={done.codes} next={done.next ?? "/"} />
        </div>
      </div>
    );
  }
  const setup = done?.setup ?? page.setup;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {page.on || !setup ? (
          <>
            <h1>Two-factor authentication</h1>
            <InsetText>
              <p>Two-factor authentication is on. When you sign in with your password, you also enter a code from your authenticator app.</p>
            </InsetText>
            <SummaryList rows={[{ key: "Recovery codes left", value: String(page.codesLeft) }]} />
            <p>If you lose your phone or run out of recovery codes, ask your Stepping Up administrator to reset your two-factor authentication.</p>
          </>
        ) : (
          <>
            <ErrorSummary form={form} fields={{ code: fields.code, secret: fields.secret }} />
            <h1>Set up two-factor authentication</h1>
            {page.required ? (
              <WarningCallout heading="Your role needs a second factor" headingLevel={2}>
                <p>Set up an authenticator app before you continue. You will need it each time you sign in with your password.</p>
              </WarningCallout>
            ) : null}
            <ol className="nhsuk-list nhsuk-list--number">
              <li>Install an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator.</li>
              <li>In the app, add an account and scan this QR code.</li>
            </ol>
            <QrCode qr={setup.qr} />
            <p>
              If you cannot scan it, enter this setup key in the app instead: <code className="app-setup-key">{setup.secret}</code> (account {setup.account},
              time-based).
            </p>
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="secret" value={setup.secret} />
              <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
              <TextField field={fields.code} label="Enter the 6-digit code the app shows" width={10} autoComplete="one-time-code" />
              <button className="nhsuk-button" type="submit">
                Turn on two-factor authentication
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
