import { useEffect, useRef, useState } from "react";
import { useActionData, useLocation } from "@remix-run/react";
import { FORM_TOKEN_FIELD } from "~/forms/form-token";

const CONFORM_INTENT = "__intent__";

/**
 * Empties a form once what it sent was saved and the page came back (ADR 027): the action redirected,
 * so the location changed and there is no action data, while this form stayed on the page. A refused
 * submission (a 4xx answer: the location changes too, but with action data) keeps what was typed, and
 * so does a form showing errors. Only a form that adds something (it carries a form token: each
 * submission creates one record) is emptied; an edit form keeps the values just saved. Without JavaScript the
 * redirect loads a fresh page, so this is only needed in the browser.
 */
export function useResetAfterSave(formId: string, hasErrors: boolean) {
  const location = useLocation();
  const answered = useActionData() !== undefined;
  // The location key when this form was last sent, until the answer comes.
  const sentAt = useRef<string | null>(null);
  const latest = useRef({ hasErrors, answered, key: location.key });
  latest.current = { hasErrors, answered, key: location.key };

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
    // A form no longer on the page is left alone. The native reset, not conform's form.reset(): conform
    // listens for the reset event and starts afresh, while its own reset is sent as a submission, which
    // throws when React has just replaced the form element.
    const form = document.forms.namedItem(formId);
    const adds = form?.querySelector(`input[name="${FORM_TOKEN_FIELD}"]`);
    if (form && adds && !latest.current.hasErrors && !latest.current.answered) form.reset();
  }, [location.key, formId]);
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
