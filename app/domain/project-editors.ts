// Telling someone who cannot edit a project who can, in one sentence for the refusal page.
import type { TeamRole } from "~/domain/enums";
import { TEAM_ROLE_LABELS } from "~/domain/labels";

export function whoCanEditSentence(editors: readonly { name: string; teamRole: TeamRole | null }[]): string {
  const team = editors.filter((e) => e.teamRole).map((e) => `${e.name} (${TEAM_ROLE_LABELS[e.teamRole!].toLowerCase()})`);
  const admins = editors.filter((e) => !e.teamRole).map((e) => e.name);
  const parts = [team.length ? `the project's team: ${team.join(", ")}` : "", admins.length ? `an administrator: ${admins.join(", ")}` : ""].filter(Boolean);
  if (parts.length === 0) return "Ask an administrator to add you to the project's team.";
  return `The people who can edit it are ${parts.join("; and ")}. Ask one of them to make the change, or a lead to add you to the team.`;
}
