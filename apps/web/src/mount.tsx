import { createRoot } from 'react-dom/client';
import { loadSession } from './api/session';
import { App, formPage } from './app';
import { formRoute } from './first-requests';
import { loadProgramme } from './programmes';

/** How long the first render waits for a form loaded ahead before showing the page's loading line. */
const FORM_AHEAD_WAIT_MS = 800;

/**
 * Renders the portal; the programme a form address names (#/p/<id>/…) is read meanwhile. On a
 * form address the form page's code (already on its way: main.tsx) is loaded first, and the form
 * itself (programme, year, data) for up to FORM_AHEAD_WAIT_MS, so the page renders the form in
 * its first render, without a loading line and a second render in between.
 */
export async function mount(root: HTMLElement): Promise<void> {
  const programme = /^#\/p\/([^/?]+)/.exec(window.location.hash)?.[1];
  if (programme) void loadProgramme(decodeURIComponent(programme)).catch(() => undefined);
  const route = formRoute(window.location.hash);
  // A failed load is not fatal here: the page's own load retries and reports it.
  if (route) {
    await formPage.preload().catch(() => undefined);
    const ahead = Promise.all([loadSession(), import('./pages/form-page')]).then(([, { loadFormAhead }]) =>
      loadFormAhead(route.programId, route.form, route.query),
    );
    await Promise.race([
      ahead.catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, FORM_AHEAD_WAIT_MS)),
    ]);
  }
  createRoot(root).render(<App />);
}
