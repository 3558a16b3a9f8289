// Writes to a project's charter: editing it, and closing the project with its closure report.
import type { Db } from "~/db.server";
import { transitionProblem } from "~/domain/charter-rules";
import { CQC_DOMAINS, type CqcDomain } from "~/domain/enums";
import { CQC_DOMAIN_LABELS, ORIGIN_LABELS, STAGE_LABELS } from "~/domain/labels";
import { buildConflict, describeChanges, type Conflict } from "~/domain/conflict";
import { getCharterForEdit, getProjectState, listCharterOptions, updateCharter, updateStage, type CharterValues } from "~/models/charter.server";
import { conflict, ok, record, refused, runCommand, type Actor, type CommandResult } from "~/models/command.server";

/** Field labels for the audit summary and the conflict table. */
export const CHARTER_LABELS: Record<string, string> = {
  title: "Title",
  problem: "Problem",
  proposalIdea: "Idea",
  aimWhat: "Aim: what will improve",
  aimForWhom: "Aim: for whom",
  aimMeasure: "Aim: measure",
  aimBaseline: "Aim: baseline",
  aimTarget: "Aim: target",
  aimTargetDate: "Aim: date to reach the target",
  scope: "Scope",
  divisionId: "Division",
  service: "Service or ward",
  themeId: "Strategic theme",
  cqcDomains: "CQC domains",
  origin: "Origin",
  originReference: "Origin reference",
  waveId: "Wave",
  plannedStart: "Planned start",
  plannedEnd: "Planned end",
};

type Options = ReturnType<typeof listCharterOptions>;
type Readable = CharterValues & { cqcDomains: readonly CqcDomain[] };

/** The charter as people read it (names, not ids), for the audit summary and the conflict table. */
function readable(v: Readable, options: Options): Record<string, unknown> {
  const name = (list: { id: number; name: string }[], id: number | null) => list.find((o) => o.id === id)?.name ?? "";
  return {
    ...v,
    divisionId: name(options.divisions, v.divisionId),
    themeId: name(options.themes, v.themeId),
    waveId: name(options.waves, v.waveId),
    origin: ORIGIN_LABELS[v.origin],
    cqcDomains: CQC_DOMAINS.filter((d) => v.cqcDomains.includes(d)).map((d) => CQC_DOMAIN_LABELS[d]),
  };
}

export type EditCharter = { projectId: number; version: number; values: CharterValues; domains: readonly CqcDomain[] };

export function editCharter(db: Db, actor: Actor, input: EditCharter): CommandResult<{ projectId: number }, Conflict> {
  const { projectId, version, values } = input;
  const domains = [...new Set(input.domains)];
  return runCommand(db, (tx) => {
    const before = getCharterForEdit(tx, projectId);
    if (!before) return refused("We could not find that project.", 404);
    const options = listCharterOptions(tx, before.programmeId, before);
    const submitted = readable({ ...values, cqcDomains: domains }, options);
    if (!updateCharter(tx, projectId, version, values, domains, actor.id)) {
      return conflict(
        buildConflict({
          changedBy: before.updatedByName,
          changedAt: before.updatedAt,
          currentVersion: before.version,
          current: readable(before, options),
          submitted,
          labels: CHARTER_LABELS,
        }),
      );
    }
    record(tx, actor, {
      action: "project.updated",
      entityType: "project",
      entityId: projectId,
      projectId,
      summary: `Charter: ${describeChanges(readable(before, options), submitted, CHARTER_LABELS)}`,
    });
    return ok({ projectId });
  });
}

export type CloseProject = {
  projectId: number;
  version: number;
  aimAchieved: boolean;
  closureEvidence: string;
  closureAdopted: string;
  closureSustain: string;
  closureOwner: string;
  closureLessons: string;
};

export function closeProject(db: Db, actor: Actor, input: CloseProject): CommandResult<{ projectId: number }, Conflict> {
  const { projectId, version, aimAchieved, ...text } = input;
  return runCommand(db, (tx) => {
    const project = getProjectState(tx, projectId);
    if (!project) return refused("We could not find that project.", 404);
    const problem = transitionProblem("close", project.stage);
    if (problem) return refused(problem);
    const values = { stage: "closed" as const, stageReason: "", closureAimAchieved: aimAchieved, ...text };
    if (!updateStage(tx, projectId, version, values, actor.id)) {
      return conflict(
        buildConflict({
          changedBy: project.updatedByName,
          changedAt: project.updatedAt,
          currentVersion: project.version,
          current: { stage: STAGE_LABELS[project.stage] },
          submitted: { stage: "Closed" },
          labels: { stage: "Stage" },
        }),
      );
    }
    record(tx, actor, {
      action: "project.closed",
      entityType: "project",
      entityId: projectId,
      projectId,
      summary: `Stage: ${STAGE_LABELS[project.stage]} → Closed; aim ${aimAchieved ? "achieved" : "not achieved"}`,
    });
    return ok({ projectId });
  });
}
