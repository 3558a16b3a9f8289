import type { ReactNode } from "react";

/** NHS.UK hint text. */
export function Hint({ id, className, children }: { id?: string; className?: string; children: ReactNode }) {
  return (
    <div className={`nhsuk-hint${className ? ` ${className}` : ""}`} id={id}>
      {children}
    </div>
  );
}
