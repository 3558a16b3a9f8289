// The success banner shown after a measure, its data or its settings are saved.
import type { ReactNode } from "react";
import { SuccessBanner } from "~/components/success-banner";

export function MeasureBanner({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <SuccessBanner message={message} titleId="measure-saved-title">
      {children}
    </SuccessBanner>
  );
}
