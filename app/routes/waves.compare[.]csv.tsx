import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { NOT_ENOUGH_ANSWERS, WAVE_FIGURES } from "~/domain/wave-compare";
import { freshProgramme } from "~/models/programme.server";
import { waveComparison } from "~/models/wave-compare.server";
import { today as getToday } from "~/today.server";
import { toCsv } from "~/web/csv";
import { formatDay } from "~/web/dates";

// The figures of /waves/compare, one row per wave.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const today = getToday();
  const waves = waveComparison(db, freshProgramme(db, today).id, today);
  const csv = toCsv(
    [
      "Wave",
      "Starts",
      "Ends",
      ...WAVE_FIGURES.map((f) => f.label),
      "Measures",
      "Pulse Check baseline % agreeing",
      "Pulse Check follow-up % agreeing",
      "Pulse Check change (points)",
    ],
    waves.map((w) => [
      w.label,
      formatDay(w.startsOn),
      formatDay(w.endsOn),
      ...WAVE_FIGURES.map((f) => f.value(w)),
      w.measures,
      w.pulse?.baseline ?? NOT_ENOUGH_ANSWERS,
      w.pulse?.followUp ?? NOT_ENOUGH_ANSWERS,
      w.pulse?.change ?? NOT_ENOUGH_ANSWERS,
    ]),
  );
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="stepping-up-waves-compared-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
