// The success banner shown after a measure, its data or its settings are saved.
import type { ReactNode } from "react";

export function MeasureBanner({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="measure-saved-title">
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id="measure-saved-title">
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
