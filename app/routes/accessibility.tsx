import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Accessibility statement – Stepping Up" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return null;
}

export default function Accessibility() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement</h1>
        <p>Stepping Up is built on the NHS.UK design system and aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.</p>
        <h2>What you can expect</h2>
        <ul>
          <li>Every page and form works with a keyboard alone, with a visible focus indicator.</li>
          <li>Pages work with screen readers: headings, labels, tables and error messages are marked up for them.</li>
          <li>Colour is never the only way information is shown: status tags carry words, chart points carry shapes.</li>
          <li>Charts have a text description and their data as a table.</li>
          <li>Pages work without JavaScript, and text can be zoomed to 400% without losing content.</li>
        </ul>
        <h2>Reporting a problem</h2>
        <p>If something is hard to use, tell your Stepping Up administrator, who can raise it with the project.</p>
      </div>
    </div>
  );
}
