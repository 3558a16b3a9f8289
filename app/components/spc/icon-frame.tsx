// The ring, accessible name and optional visible label that every Making Data Count icon shares.
import type { ReactNode } from "react";

export function SpcIconFrame({
  icon,
  tone,
  label,
  size,
  showLabel,
  children,
}: {
  icon: string;
  tone: string;
  label: string;
  size: number;
  showLabel: boolean;
  /** What the icon draws inside its ring. */
  children: ReactNode;
}) {
  return (
    <span className={`app-spc-icon app-spc-icon--${tone}`} data-icon={icon}>
      <svg className="app-spc-icon__svg" viewBox="0 0 100 100" width={size} height={size} role="img" aria-label={label} focusable="false">
        <title>{label}</title>
        <circle className="app-spc-icon__ring" cx="50" cy="50" r="45" />
        {children}
      </svg>
      {showLabel ? (
        <span className="app-spc-icon__label" aria-hidden="true">
          {label}
        </span>
      ) : null}
    </span>
  );
}
