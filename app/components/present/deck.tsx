// The slide deck. Without JavaScript the slides stack as sections with anchors. Once
// hydrated it becomes a full-viewport modal dialog showing one slide at a time:
// navigation is client state only (no fetches), so it keeps working if the network drops.
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import type { Slide } from "./slides";

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " "]);
const PREV_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp"]);

const slideId = (i: number) => `slide-${i + 1}`;
const slideLabel = (i: number, n: number, title: string) => `${i + 1} of ${n}: ${title}`;

/** Keys typed into a control, or Space/Enter on a button or link, belong to that control. */
function ownedByControl(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName)) return true;
  return (e.key === " " || e.key === "Enter") && ["BUTTON", "A"].includes(el.tagName);
}

function SlideSection({
  slide,
  index,
  count,
  current,
  sectionRef,
}: {
  slide: Slide;
  index: number;
  count: number;
  current?: boolean;
  sectionRef?: (el: HTMLElement | null) => void;
}) {
  return (
    <section
      id={slideId(index)}
      ref={sectionRef}
      className={`app-slide app-slide--${slide.key.startsWith("measure-") ? "measure" : slide.key}`}
      aria-roledescription="slide"
      aria-label={slideLabel(index, count, slide.title)}
      hidden={current === false}
      tabIndex={-1}
    >
      {slide.body}
    </section>
  );
}

export function Deck({
  slides,
  title,
  leaveTo,
  onLeave,
  extraLinks,
}: {
  slides: Slide[];
  title: string;
  leaveTo: string;
  onLeave: () => void;
  /** Links shown with the slide list when the deck is not running (settings, print). */
  extraLinks?: ReactNode;
}) {
  const [live, setLive] = useState(false);
  const [index, setIndex] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const sections = useRef<(HTMLElement | null)[]>([]);
  const n = slides.length;

  useEffect(() => {
    // Start at an anchored slide (#slide-3) if the address names one.
    const m = /^#slide-(\d+)$/.exec(window.location.hash);
    if (m) setIndex(Math.min(Math.max(Number(m[1]) - 1, 0), n - 1));
    setLive(true);
  }, [n]);

  const go = useCallback(
    (next: number) => {
      const i = Math.min(Math.max(next, 0), n - 1);
      setIndex(i);
      setAnnouncement(`Slide ${slideLabel(i, n, slides[i].title)}`);
    },
    [n, slides],
  );

  useEffect(() => {
    if (!live) return;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, [live]);

  useEffect(() => {
    if (!live) return;
    // Focus follows the slide unless it is on a control of the bar (Next pressed again keeps working).
    const active = document.activeElement;
    const inBar = active instanceof HTMLElement && active.closest(".app-deck__bar");
    if (!inBar) sections.current[index]?.focus({ preventScroll: true });
  }, [live, index]);

  const focusSlide = useCallback(() => sections.current[index]?.focus({ preventScroll: true }), [index]);

  // Full screen hides the browser's own bars; the first Esc leaves full screen (the browser's), the next the deck.
  // The Fullscreen API refuses a <dialog> itself, so the whole page goes full screen and the modal deck,
  // shown again, stays on top of it in the top layer.
  const toggleFullScreen = useCallback(async () => {
    if (!document.fullscreenEnabled) return;
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    else {
      await document.documentElement.requestFullscreen().catch(() => undefined);
      const dialog = dialogRef.current;
      if (dialog?.open) {
        dialog.close();
        dialog.showModal();
      }
    }
    focusSlide();
  }, [focusSlide]);

  // Leaving the deck leaves full screen too.
  useEffect(
    () => () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
    [],
  );

  useEffect(() => {
    if (!live) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownedByControl(e)) return;
      let handled = true;
      if (e.key === "Escape") onLeave();
      else if (e.key === " " && e.shiftKey) go(index - 1);
      else if (NEXT_KEYS.has(e.key)) go(index + 1);
      else if (PREV_KEYS.has(e.key)) go(index - 1);
      else if (e.key === "Home") go(0);
      else if (e.key === "End") go(n - 1);
      else if (e.key === "f" || e.key === "F") void toggleFullScreen();
      else handled = false;
      if (handled) e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [live, index, n, go, onLeave, toggleFullScreen]);

  if (!live) {
    return (
      <div className="app-deck app-deck--static">
        <nav aria-label="Slides" className="app-deck__contents">
          <h2 className="nhsuk-heading-s">Slides</h2>
          <ol>
            {slides.map((s, i) => (
              <li key={s.key}>
                <a href={`#${slideId(i)}`}>{s.title}</a>
              </li>
            ))}
          </ol>
          {extraLinks}
        </nav>
        {slides.map((s, i) => (
          <SlideSection key={s.key} slide={s} index={i} count={n} />
        ))}
      </div>
    );
  }

  // A button clicked with the mouse hands focus back to the slide, so Space goes on advancing; a button
  // pressed from the keyboard keeps focus, as a keyboard user expects.
  const clicked = (e: MouseEvent<HTMLButtonElement>, act: () => void) => {
    act();
    if (e.detail > 0) {
      e.currentTarget.blur();
      focusSlide();
    }
  };

  // From here on the deck runs only in the browser (live is set after hydration), so document exists.
  return (
    <dialog
      ref={dialogRef}
      className="app-deck app-deck--live"
      aria-label={`Presentation: ${title}`}
      aria-roledescription="slide deck"
      onCancel={(e) => {
        e.preventDefault();
        onLeave();
      }}
    >
      <div className="app-deck__slides">
        {slides.map((s, i) => (
          <SlideSection
            key={s.key}
            slide={s}
            index={i}
            count={n}
            current={i === index}
            sectionRef={(el) => {
              sections.current[i] = el;
            }}
          />
        ))}
      </div>
      <div className="app-deck__bar">
        <p className="app-deck__counter" aria-hidden="true">
          {index + 1} of {n}
        </p>
        <p className="nhsuk-u-visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>
        <button type="button" className="app-deck__button" onClick={(e) => clicked(e, () => go(index - 1))} disabled={index === 0}>
          Previous<span className="nhsuk-u-visually-hidden"> slide</span>
        </button>
        <button type="button" className="app-deck__button" onClick={(e) => clicked(e, () => go(index + 1))} disabled={index === n - 1}>
          Next<span className="nhsuk-u-visually-hidden"> slide</span>
        </button>
        {document.fullscreenEnabled ? (
          <button type="button" className="app-deck__button" onClick={() => void toggleFullScreen()}>
            Full screen <span className="app-deck__hint">(F)</span>
          </button>
        ) : null}
        <Link to={leaveTo} className="app-deck__leave">
          Leave the presentation <span className="app-deck__hint">(Esc)</span>
        </Link>
      </div>
    </dialog>
  );
}
