import type { ReactNode } from "react";

/** The colours nhsuk-frontend 10 styles (nhsuk-tag--<colour>). */
export type TagColour = "white" | "grey" | "green" | "aqua-green" | "blue" | "purple" | "pink" | "red" | "orange" | "yellow";

/** NHS.UK tag. The words carry the meaning; colour is never the only cue. */
export function Tag({ colour, className, children }: { colour?: TagColour; className?: string; children: ReactNode }) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ""}${className ? ` ${className}` : ""}`}>{children}</strong>;
}
