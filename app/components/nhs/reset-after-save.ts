import { useEffect, useRef, useState } from "react";
import { useLocation } from "@remix-run/react";

const CONFORM_INTENT = "__intent__";

/**
 * Empties a form once what it sent was saved and the page came back (ADR 027): the action redirected,
 * so the location changed, while this form stayed on the page. A refused submission (a 4xx answer,
 * the same location) keeps what was typed, and so does a form showing errors. Without JavaScript the
 * redirect loads a fresh page, so this is only needed in the browser.
 */
export function useResetAfterSave(formId: string, reset: () => void, hasErrors: boolean) {
  const location = useLocation();
  // The location key when this form was last sent, until the answer comes.
  const sentAt = useRef<string | null>(null);
  const latest = useRef({ reset, hasErrors, key: location.key });
  latest.current = { reset, hasErrors, key: location.key };

  useEffect(() => {
    const onSubmit = (event: Event) => {
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      if (submitter?.name === CONFORM_INTENT) return; // conform's own buttons (reset, add another) send nothing
      const form = event.target as HTMLFormElement | null;
      // Another form sent: this one's earlier attempt (refused in the browser) is over.
      sentAt.current = form?.id === formId ? latest.current.key : null;
    };
    document.addEventListener("submit", onSubmit);
    return () => document.removeEventListener("submit", onSubmit);
  }, [formId]);

  useEffect(() => {
    if (sentAt.current === null || sentAt.current === location.key) return;
    sentAt.current = null;
    if (!latest.current.hasErrors) latest.current.reset();
  }, [location.key]);
}

/**
 * A key for a form that is answered in place (200 with a message, no redirect): it changes with each
 * new successful answer, so keying the form on it renders the form afresh, empty.
 */
export function useSavedKey(saved: object | null | undefined): number {
  const [count, setCount] = useState(0);
  const seen = useRef(saved);
  useEffect(() => {
    if (saved && saved !== seen.current) setCount((n) => n + 1);
    seen.current = saved;
  }, [saved]);
  return count;
}
