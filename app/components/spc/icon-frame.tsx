// The ring, accessible name and optional visible label that every Making Data Count icon shares.
// An icon draws its shapes inline, or (`sprite`) points with <use> at the symbol that <SpcIconSprite>
// defines once on the page: a board of 25 rows then carries each icon's drawing once (ADR 117).
import type { ReactNode } from "react";

/** The id of an icon's <symbol> in <SpcIconSprite>. */
export function spcIconSymbolId(icon: string) {
  return `app-spc-icon-${icon}`;
}

export function SpcIconFrame({
  icon,
  tone,
  label,
  size,
  showLabel,
  sprite = false,
  children,
}: {
  icon: string;
  tone: string;
  label: string;
  size: number;
  showLabel: boolean;
  /** Refer to the page's <SpcIconSprite> instead of drawing the shapes here. */
  sprite?: boolean;
  /** What the icon draws inside its ring. */
  children: ReactNode;
}) {
  return (
    <span className={`app-spc-icon app-spc-icon--${tone}`} data-icon={icon}>
      <svg className="app-spc-icon__svg" viewBox="0 0 100 100" width={size} height={size} role="img" aria-label={label} focusable="false">
        <title>{label}</title>
        {sprite ? (
          <use href={`#${spcIconSymbolId(icon)}`} />
        ) : (
          <>
            <circle className="app-spc-icon__ring" cx="50" cy="50" r="45" />
            {children}
          </>
        )}
      </svg>
      {showLabel ? (
        <span className="app-spc-icon__label" aria-hidden="true">
          {label}
        </span>
      ) : null}
    </span>
  );
}
