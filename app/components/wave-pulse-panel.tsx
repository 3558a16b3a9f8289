// The wave page's Pulse Check panel: each campaign about the wave, linking to its results.
import { Link } from "@remix-run/react";
import { formatChange, PULSE_KIND_LABELS, type PulseKind } from "~/domain/pulse";

type Campaign = { id: number; name: string; kind: PulseKind; closed: boolean; answers: number; averageAgreeing: number | null; averageChange: number | null };

export function WavePulsePanel({ campaigns }: { campaigns: Campaign[] }) {
  if (campaigns.length === 0) return null;
  return (
    <section aria-labelledby="wave-pulse">
      <h2 className="nhsuk-heading-m" id="wave-pulse">
        Pulse Check
      </h2>
      <ul className="nhsuk-list">
        {campaigns.map((c) => (
          <li key={c.id}>
            <Link to={`/pulse/${c.id}`}>{c.name}</Link> ({PULSE_KIND_LABELS[c.kind].toLowerCase()}, {c.answers} answers):{" "}
            {!c.closed
              ? "results once it closes."
              : c.averageAgreeing === null
                ? "results hidden (fewer than 10 answers)."
                : `on average ${c.averageAgreeing}% agreeing${c.averageChange === null ? "" : `, ${formatChange(c.averageChange)} points on the baseline`}.`}
          </li>
        ))}
      </ul>
    </section>
  );
}
