/** Time a glide down to a new row takes, whatever the distance (ms). */
const GLIDE_MS = 320;
/** Room left between the revealed element and the window's edge (px). */
const MARGIN = 12;

const easeInOut = (p: number): number => (p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2);

/** True when `el` sits in a scroll container of its own, not just in the page. */
function inInnerScroller(el: Element): boolean {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const y = getComputedStyle(a).overflowY;
    if ((y === 'auto' || y === 'scroll') && a.scrollHeight > a.clientHeight) return true;
  }
  return false;
}

/**
 * Brings the element `selector` finds into view: the page glides there in a fixed ~⅓ s, easing in
 * and out, so the rows it passes render a few per frame (a jump would render a whole screenful in
 * one frame) and a long table does not take seconds. The target is measured again on every frame
 * because rows render on the way (content-visibility) and may differ from their estimated height,
 * and the element is found again each time in case React replaced it meanwhile.
 */
export function revealSmoothly(selector: string): void {
  const find = () => document.querySelector<HTMLElement>(selector);
  const first = find();
  if (!first) return;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  if (reduce || inInnerScroller(first)) {
    first.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    return;
  }
  const target = (): number | undefined => {
    const el = find();
    if (!el) return undefined;
    const r = el.getBoundingClientRect();
    if (r.top < MARGIN) return window.scrollY + r.top - MARGIN;
    if (r.bottom > window.innerHeight - MARGIN)
      return window.scrollY + r.bottom - window.innerHeight + MARGIN;
    return window.scrollY;
  };
  const start = window.scrollY;
  if (target() === start) return;
  const t0 = performance.now();
  // After the glide's time is up, rows that rendered on the way may still move the target
  // (a slow machine gives few frames): follow it until it stands still, for a few frames at most.
  let settling = 0;
  // The applicant scrolling by hand takes over from the glide.
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
  };
  const opts = { passive: true, once: true } as const;
  window.addEventListener('wheel', cancel, opts);
  window.addEventListener('touchstart', cancel, opts);
  const finish = (): void => {
    window.removeEventListener('wheel', cancel);
    window.removeEventListener('touchstart', cancel);
  };
  const step = (now: number): void => {
    const to = target();
    if (cancelled || to === undefined) {
      finish();
      return;
    }
    const p = Math.min(1, (now - t0) / GLIDE_MS);
    window.scrollTo(0, start + (to - start) * easeInOut(p));
    if (p < 1) requestAnimationFrame(step);
    else if (Math.abs((target() ?? window.scrollY) - window.scrollY) > 1 && ++settling < 30)
      requestAnimationFrame(step);
    else {
      // Whatever the frames did, the row ends in view.
      find()?.scrollIntoView({ block: 'nearest' });
      finish();
    }
  };
  requestAnimationFrame(step);
}
