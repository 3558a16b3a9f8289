// The Making Data Count icons in words, as NHS England names them: one source for the charts'
// icons, their legends and every export.
import type { AssuranceIcon, VariationIcon } from "~/domain/enums";

export const VARIATION_ICON_LABELS: Record<VariationIcon, string> = {
  common_cause: "Common cause variation",
  special_cause_improvement_high: "Special cause improvement (high)",
  special_cause_improvement_low: "Special cause improvement (low)",
  special_cause_concern_high: "Special cause concern (high)",
  special_cause_concern_low: "Special cause concern (low)",
  special_cause_neutral_high: "Special cause neutral variation (high)",
  special_cause_neutral_low: "Special cause neutral variation (low)",
};

export const ASSURANCE_ICON_LABELS: Record<AssuranceIcon, string> = {
  consistent_pass: "Consistently passing the target",
  consistent_fail: "Consistently failing the target",
  inconsistent: "Hit and miss: the target may or may not be met",
};
