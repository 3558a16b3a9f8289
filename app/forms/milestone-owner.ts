// A milestone's owner on the add and update forms: a person chosen from the list, or (only for
// someone who is not in Stepping Up) their name typed as text. Not both.
import { MILESTONE_OWNER_MAX } from "~/domain/milestone-rules";
import { optionalId } from "~/forms/charter-form";
import { optionalText } from "~/forms/text-field";

export const OWNER_FROM_LIST = "Choose the owner from the list of people in Stepping Up";
export const OWNER_NOT_BOTH = "Choose the owner from the list or type the name of someone not in Stepping Up, not both";

export const milestoneOwnerFields = {
  ownerUserId: optionalId(OWNER_FROM_LIST),
  owner: optionalText({ what: "The owner's name", max: MILESTONE_OWNER_MAX }),
};

/** The refinement every milestone form with an owner adds (checked even when other fields fail, so all errors show at once). */
export const ownerNotBoth: [(v: { ownerUserId?: number; owner?: string }) => boolean, { path: PropertyKey[]; message: string; when: () => boolean }] = [
  (v) => !(v.ownerUserId && v.owner),
  { path: ["owner"], message: OWNER_NOT_BOTH, when: () => true },
];
