// NHS.UK success notification banner: shown after something is saved or deleted.
import type { ReactNode } from "react";

export function SuccessBanner({ message, titleId, children }: { message: string; titleId: string; children?: ReactNode }) {
  return (
    <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby={titleId}>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{message}</p>
        {children}
      </div>
    </div>
  );
}
