// A measure made through the real command, for tests that need one of their own.
import type { Db } from "../../db/client";
import type { Actor } from "~/models/command.server";
import { createMeasure } from "~/models/measure-commands.server";

/** Creates a daily measure whose values are the days between events (a g chart, ADR 034) and returns its id. */
export function createEventsMeasure(db: Db, actor: Actor, projectId: number, about: { name: string; definition: string }): number {
  const created = createMeasure(db, actor, {
    projectId,
    locate: (id) => `/m/${id}`,
    values: {
      name: about.name,
      type: "outcome",
      definition: about.definition,
      unit: "days",
      unitLabel: "",
      ratePer: null,
      improvement: "increase",
      target: null,
      targetDate: null,
      frequency: "daily",
      dataOwner: "",
      dataSource: "",
      usesRatio: false,
      baselinePoints: null,
      chartType: "g",
      isPrimary: false,
    },
  });
  if (!created.ok || created.value.id === null) throw new Error(`the measure was not created: ${JSON.stringify(created)}`);
  return created.value.id;
}
