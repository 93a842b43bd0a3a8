/** Time a glide down to a new row takes, whatever the distance (ms). */
const GLIDE_MS = 320;
/** Room left between the revealed element and the window's edge (px). */
const MARGIN = 12;
/**
 * Frames in a row without a layout change after which the page has settled. A row that comes near
 * the window renders in the next frame (content-visibility), so one quiet frame means nothing is
 * pending; the second is a margin.
 */
const QUIET_FRAMES = 2;
/** However long the layout keeps changing, the page stops following the target after this many frames. */
const MAX_HOLD_FRAMES = 120;
/** On the root element while the page glides to a target or holds it in view (tests wait for it to go). */
const REVEALING = 'data-sb-revealing';

/** Events by which the applicant takes the page over from a glide or hold. */
const HANDS_ON = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

const easeInOut = (p: number): number => (p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2);

/** True when `el` sits in a scroll container of its own, not just in the page. */
function inInnerScroller(el: Element): boolean {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const y = getComputedStyle(a).overflowY;
    if ((y === 'auto' || y === 'scroll') && a.scrollHeight > a.clientHeight) return true;
  }
  return false;
}

/** Ends the glide under way: a new one (a second row added quickly) takes over instead of fighting it. */
let stopCurrent: (() => void) | undefined;

/**
 * Brings the element `selector` finds into view: the page glides there in a fixed ~⅓ s, easing in
 * and out, so the rows it passes render a few per frame (a jump would render a whole screenful in
 * one frame) and a long table does not take seconds. The target is measured again on every frame
 * because rows render on the way (content-visibility) and may differ from their estimated height,
 * and the element is found again each time in case React replaced it meanwhile.
 *
 * Arriving is not the end: the rows now near the window render in the frames after and change
 * height, pushing the target down (scroll anchoring only makes up for rows above the top of the
 * window). So the page holds the target in view until the layout has stood still: every layout
 * change is seen by a ResizeObserver (after layout, before paint) and the target put back in the
 * same frame, before anyone sees it leave.
 */
export function revealSmoothly(selector: string): void {
  stopCurrent?.();
  const find = () => document.querySelector<HTMLElement>(selector);
  const first = find();
  if (!first) return;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  if (inInnerScroller(first)) {
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
  // Reduced motion, or already in place: no glide, straight to holding it there.
  const duration = reduce || target() === start ? 0 : GLIDE_MS;
  const t0 = performance.now();
  const root = document.documentElement;
  let holding = false;
  let changed = false;
  let quiet = 0;
  let held = 0;
  let done = false;
  /** Puts the target in view if it left; false when it is gone. */
  const follow = (): boolean => {
    const to = target();
    if (to === undefined) return false;
    if (Math.abs(to - window.scrollY) > 1) window.scrollTo(0, to);
    return true;
  };
  const layout = new ResizeObserver(() => {
    changed = true;
    if (holding && !follow()) stop();
  });
  // The rows' container changes size when rows on the way render; the root when anything else does.
  layout.observe(root);
  if (first.parentElement) layout.observe(first.parentElement);
  const stop = (): void => {
    if (done) return;
    done = true;
    layout.disconnect();
    for (const type of HANDS_ON) window.removeEventListener(type, stop, true);
    root.removeAttribute(REVEALING);
    if (stopCurrent === stop) stopCurrent = undefined;
  };
  stopCurrent = stop;
  root.setAttribute(REVEALING, '');
  // The applicant scrolling, pressing or typing takes over from the glide: from then on the page
  // stays where they put it. (A page still following the row would move a button from under a
  // press that blurred a field, and the click would be lost.)
  const opts = { passive: true, once: true, capture: true } as const;
  for (const type of HANDS_ON) window.addEventListener(type, stop, opts);
  const step = (now: number): void => {
    if (done) return;
    if (!holding) {
      const to = target();
      if (to === undefined) {
        stop();
        return;
      }
      const p = duration > 0 ? Math.min(1, (now - t0) / duration) : 1;
      window.scrollTo(0, start + (to - start) * easeInOut(p));
      if (p === 1) {
        // Changes before this frame are in the target just measured; from here on, count them.
        holding = true;
        changed = false;
      }
    } else {
      if (changed) quiet = 0;
      else quiet++;
      changed = false;
      if (!follow() || quiet >= QUIET_FRAMES || ++held >= MAX_HOLD_FRAMES) {
        stop();
        return;
      }
    }
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}
