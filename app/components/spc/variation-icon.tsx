// The Making Data Count variation icon: a ringed circle holding a little run
// of dots. Common cause: grey dots either side of a flat line. Special cause:
// the last dots jump high (or low) in the signal's colour, with an "H" or
// "L". Blue is improvement, orange concern, purple neutral.
import type { VariationIcon as VariationIconId } from "~/domain/enums";
import { SpcIconFrame } from "./icon-frame";
import { VARIATION_ICON_LABELS } from "./labels";

type Tone = "common" | "improvement" | "concern" | "neutral";

function toneOf(icon: VariationIconId): { tone: Tone; direction: "high" | "low" | null } {
  if (icon === "common_cause") return { tone: "common", direction: null };
  const [, , tone, direction] = icon.split("_") as [string, string, Tone, "high" | "low"];
  return { tone, direction };
}

const XS = [22, 31, 40, 49, 58, 67, 76];

function dotsFor(direction: "high" | "low" | null): number[] {
  if (direction === "high") return [62, 60, 63, 61, 40, 36, 38];
  if (direction === "low") return [38, 40, 37, 39, 60, 64, 62];
  return [52, 46, 54, 47, 53, 48, 51];
}

/** The icon's drawing inside its ring: inline, or once per page in <SpcIconSprite>. */
export function VariationShapes({ icon }: { icon: VariationIconId }) {
  const { direction } = toneOf(icon);
  const ys = dotsFor(direction);
  return (
    <>
      <polyline className="app-spc-icon__line" points={XS.map((x, i) => `${x},${ys[i]}`).join(" ")} fill="none" />
      {XS.map((x, i) => (
        <circle
          key={x}
          className={direction !== null && i >= 4 ? "app-spc-icon__dot app-spc-icon__dot--signal" : "app-spc-icon__dot"}
          cx={x}
          cy={ys[i]}
          r="5"
        />
      ))}
      {direction !== null ? (
        <text className="app-spc-icon__letter" x="36" y={direction === "high" ? 34 : 84} textAnchor="middle">
          {direction === "high" ? "H" : "L"}
        </text>
      ) : null}
    </>
  );
}

export function variationTone(icon: VariationIconId): Tone {
  return toneOf(icon).tone;
}

export function VariationIcon({
  icon,
  size = 48,
  showLabel = false,
  sprite = false,
}: {
  icon: VariationIconId | null;
  /** Width and height in CSS pixels. */
  size?: number;
  /** Show the label as text beside the icon (it is always the icon's accessible name). */
  showLabel?: boolean;
  /** Use the page's <SpcIconSprite> (which must define this icon). */
  sprite?: boolean;
}) {
  if (icon === null) return null;
  return (
    <SpcIconFrame icon={icon} tone={toneOf(icon).tone} label={VARIATION_ICON_LABELS[icon]} size={size} showLabel={showLabel} sprite={sprite}>
      <VariationShapes icon={icon} />
    </SpcIconFrame>
  );
}
