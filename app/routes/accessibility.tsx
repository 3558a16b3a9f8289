// The accessibility statement (ADR 083): public, with the contents the Public Sector Bodies (Websites and
// Mobile Applications) (No. 2) Accessibility Regulations 2018 require. The trust's contact comes from
// ACCESSIBILITY_CONTACT_EMAIL / ACCESSIBILITY_CONTACT_PHONE.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { formatDay } from "~/web/dates";
import { getProgramme } from "~/models/programme.server";

export const meta: MetaFunction = () => [{ title: "Accessibility statement – Stepping Up" }];

/** When this statement was prepared and last reviewed (update both after each review). */
const PREPARED = "2026-12-07";
const REVIEWED = "2026-12-07";

// Public: no sign-in, so anyone can read it (the regulations require it to be findable).
export async function loader() {
  const env = getEnv();
  const trustName = getProgramme(getDb()).trustName;
  return {
    trustName: trustName && trustName !== "Your trust" ? trustName : null,
    email: env.ACCESSIBILITY_CONTACT_EMAIL ?? null,
    phone: env.ACCESSIBILITY_CONTACT_PHONE ?? null,
  };
}

export default function Accessibility() {
  const { trustName, email, phone } = useLoaderData<typeof loader>();
  const organisation = trustName ?? "the trust that runs this service";
  const contact = (
    <ul>
      {email ? (
        <li>
          email <a href={`mailto:${email}`}>{email}</a>
        </li>
      ) : null}
      {phone ? <li>call {phone}</li> : null}
      {!email && !phone ? <li>contact your Stepping Up administrator or the trust's IT service desk</li> : null}
    </ul>
  );
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement for Stepping Up</h1>
        <p>
          This accessibility statement applies to Stepping Up, the quality improvement portfolio service run by {organisation}. It covers every page of the
          service at this address.
        </p>
        <p>We want as many people as possible to be able to use this service. Stepping Up is built on the NHS.UK design system, and you should be able to:</p>
        <ul>
          <li>change colours, contrast levels and fonts using your browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>navigate every page and form using just a keyboard, with a visible focus indicator</li>
          <li>navigate most of the service using speech recognition software</li>
          <li>listen to most of the service using a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)</li>
          <li>use the service without JavaScript</li>
        </ul>
        <p>Colour is never the only way information is shown: status tags carry words, and chart points carry shapes.</p>
        <p>
          <a href="https://mcmw.abilitynet.org.uk/">AbilityNet has advice on making your device easier to use</a> if you have a disability.
        </p>

        <h2>How accessible this service is</h2>
        <p>We know some parts of this service are not fully accessible:</p>
        <ul>
          <li>
            statistical process control (SPC) charts and driver diagrams are pictures: each chart has a text summary and its data as a table, but the picture
            itself cannot be read by a screen reader
          </li>
          <li>files you download (CSV and Excel exports, the board pack) have not been tested for accessibility</li>
          <li>the presentation mode is designed for a large screen and may need scrolling when zoomed</li>
        </ul>

        <h2>Feedback and contact information</h2>
        <p>If you need information on this service in a different format, like accessible PDF, large print, easy read, audio recording or braille:</p>
        {contact}
        <p>We'll consider your request and get back to you within 10 working days.</p>

        <h2>Reporting accessibility problems with this service</h2>
        <p>
          We're always looking to improve the accessibility of this service. If you find any problems not listed on this page or think we're not meeting
          accessibility requirements, contact us:
        </p>
        {contact}

        <h2>Enforcement procedure</h2>
        <p>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
          Accessibility Regulations 2018 (the 'accessibility regulations'). If you're not happy with how we respond to your complaint,{" "}
          <a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and Support Service (EASS)</a>.
        </p>
        <p>
          If you are in Northern Ireland and are not happy with how we respond to your complaint you can contact the{" "}
          <a href="https://www.equalityni.org/Home">Equality Commission for Northern Ireland (ECNI)</a>.
        </p>

        <h2>Technical information about this service's accessibility</h2>
        <p>
          {trustName ?? "The trust"} is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile
          Applications) (No. 2) Accessibility Regulations 2018.
        </p>
        <h3>Compliance status</h3>
        <p>
          This service is partially compliant with the <a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard,
          due to the non-compliances listed below.
        </p>

        <h2>Non-accessible content</h2>
        <p>The content listed below is non-accessible for the following reasons.</p>
        <h3>Non-compliance with the accessibility regulations</h3>
        <ul>
          <li>
            SPC charts and driver diagrams are images whose meaning is not fully available to screen reader users from the image itself (WCAG 2.2 success
            criterion 1.1.1, non-text content). Each chart is described in text beside it and its data is available as a table. We plan to keep improving these
            descriptions as we learn from people who use them.
          </li>
          <li>
            The service has not yet been audited by an independent accessibility specialist, so there may be failures we do not know about. We plan to have it
            audited and will update this statement with the results.
          </li>
        </ul>
        <h3>Disproportionate burden</h3>
        <p>We are not claiming that any accessibility problem would be a disproportionate burden to fix.</p>
        <h3>Content that's not within the scope of the accessibility regulations</h3>
        <p>
          Files people upload or download (spreadsheets and exports) are data for other tools rather than content of this service, and may not be accessible.
        </p>

        <h2>What we're doing to improve accessibility</h2>
        <p>Every change to Stepping Up is tested automatically for accessibility before it is released, and problems people report are fixed first.</p>

        <h2>Preparation of this accessibility statement</h2>
        <p>
          This statement was prepared on {formatDay(PREPARED)}. It was last reviewed on {formatDay(REVIEWED)}.
        </p>
        <p>
          This service was last tested on {formatDay(REVIEWED)} by the Stepping Up development team: every page is checked with the axe-core rules for WCAG 2.2
          A and AA in Chromium at desktop and phone widths, and browser tests use the main journeys with a keyboard alone and check there is no sideways
          scrolling on a phone. The tests run on every change; people's own testing with assistive technology is welcome and is how we find what automated tests
          miss.
        </p>
      </div>
    </div>
  );
}
