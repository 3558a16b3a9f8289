import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";

const WARN_SECONDS = 120;

/** Warns two minutes before the idle timeout so typed text is not lost; one click keeps the session. */
export function SessionTimeoutWarning({ secondsLeft }: { secondsLeft: number }) {
  const [left, setLeft] = useState(secondsLeft);
  const keepAlive = useFetcher();
  const revalidator = useRevalidator();

  useEffect(() => {
    const started = Date.now();
    setLeft(secondsLeft);
    const timer = setInterval(() => setLeft(secondsLeft - Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [secondsLeft]);

  useEffect(() => {
    if (keepAlive.state === "idle" && keepAlive.data) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keepAlive.state, keepAlive.data]);

  if (left > WARN_SECONDS) return null;
  const expired = left <= 0;
  return (
    <div className="app-timeout-dialog" role="alertdialog" aria-labelledby="timeout-title" aria-live="assertive">
      <h2 className="nhsuk-heading-s" id="timeout-title">
        {expired ? "You have been signed out" : "You will be signed out soon"}
      </h2>
      {expired ? (
        <p>For your security we signed you out after a period of inactivity. Copy any text you typed, then sign in again.</p>
      ) : (
        <p>
          For your security, you will be signed out in {Math.floor(left / 60)} min {left % 60} s unless you continue.
        </p>
      )}
      {expired ? null : (
        <button type="button" className="nhsuk-button nhsuk-u-margin-bottom-0" onClick={() => keepAlive.load("/account/keepalive")}>
          Stay signed in
        </button>
      )}
    </div>
  );
}
