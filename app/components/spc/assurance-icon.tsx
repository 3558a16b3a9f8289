// The Making Data Count assurance icon: a ringed circle with "P" (consistently
// passing, blue), "F" (consistently failing, orange) or "?" (hit and miss,
// grey) over a target line.
import type { AssuranceIcon as AssuranceIconId } from "~/domain/enums";
import { SpcIconFrame } from "./icon-frame";
import { ASSURANCE_ICON_LABELS } from "./labels";

const LETTERS: Record<AssuranceIconId, string> = { consistent_pass: "P", consistent_fail: "F", inconsistent: "?" };
const TONES: Record<AssuranceIconId, string> = {
  consistent_pass: "pass",
  consistent_fail: "fail",
  inconsistent: "hit-and-miss",
};

/** The icon's drawing inside its ring: inline, or once per page in <SpcIconSprite>. */
export function AssuranceShapes({ icon }: { icon: AssuranceIconId }) {
  return (
    <>
      <line className="app-spc-icon__target" x1="20" x2="80" y1="72" y2="72" fill="none" />
      <text className="app-spc-icon__letter app-spc-icon__letter--large" x="50" y="62" textAnchor="middle">
        {LETTERS[icon]}
      </text>
    </>
  );
}

export function assuranceTone(icon: AssuranceIconId): string {
  return TONES[icon];
}

export function AssuranceIcon({
  icon,
  size = 48,
  showLabel = false,
  noneText = "No assurance: no target",
  sprite = false,
}: {
  icon: AssuranceIconId | null;
  size?: number;
  showLabel?: boolean;
  /** Shown instead of an icon when there is none; null shows nothing. */
  noneText?: string | null;
  /** Use the page's <SpcIconSprite> (which must define this icon). */
  sprite?: boolean;
}) {
  if (icon === null) {
    return noneText === null ? null : <span className="app-spc-icon app-spc-icon--none app-muted">{noneText}</span>;
  }
  return (
    <SpcIconFrame icon={icon} tone={TONES[icon]} label={ASSURANCE_ICON_LABELS[icon]} size={size} showLabel={showLabel} sprite={sprite}>
      <AssuranceShapes icon={icon} />
    </SpcIconFrame>
  );
}
