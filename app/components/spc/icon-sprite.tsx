// The Making Data Count icons a page uses, each drawn once as a <symbol>; the icons themselves
// (`<VariationIcon sprite>`, `<AssuranceIcon sprite>`) point at it with <use> (ADR 117). The tone
// class sits inside each symbol, so the page's styles colour the drawing wherever it is used.
import type { AssuranceIcon as AssuranceIconId, VariationIcon as VariationIconId } from "~/domain/enums";
import { AssuranceShapes, assuranceTone } from "./assurance-icon";
import { spcIconSymbolId } from "./icon-frame";
import { VariationShapes, variationTone } from "./variation-icon";

export function SpcIconSprite({
  variation = [],
  assurance = [],
}: {
  variation?: readonly (VariationIconId | null)[];
  assurance?: readonly (AssuranceIconId | null)[];
}) {
  const v = [...new Set(variation)].filter((i): i is VariationIconId => i !== null).sort();
  const a = [...new Set(assurance)].filter((i): i is AssuranceIconId => i !== null).sort();
  if (v.length + a.length === 0) return null;
  return (
    <svg className="app-sprite" aria-hidden="true" focusable="false" width="0" height="0">
      {v.map((icon) => (
        <symbol key={icon} id={spcIconSymbolId(icon)} viewBox="0 0 100 100">
          <g className={`app-spc-icon--${variationTone(icon)}`}>
            <circle className="app-spc-icon__ring" cx="50" cy="50" r="45" />
            <VariationShapes icon={icon} />
          </g>
        </symbol>
      ))}
      {a.map((icon) => (
        <symbol key={icon} id={spcIconSymbolId(icon)} viewBox="0 0 100 100">
          <g className={`app-spc-icon--${assuranceTone(icon)}`}>
            <circle className="app-spc-icon__ring" cx="50" cy="50" r="45" />
            <AssuranceShapes icon={icon} />
          </g>
        </symbol>
      ))}
    </svg>
  );
}
