import { createRoot } from 'react-dom/client';
import { App, formPage } from './app';
import { isFormPage } from './first-requests';
import { loadProgramme } from './programmes';

/**
 * Renders the portal; the programme a form address names (#/p/<id>/…) is read meanwhile. On a
 * form address the form page's code (already on its way: main.tsx) is loaded first, so the page
 * renders without a loading fallback in between.
 */
export async function mount(root: HTMLElement): Promise<void> {
  const programme = /^#\/p\/([^/?]+)/.exec(window.location.hash)?.[1];
  if (programme) void loadProgramme(decodeURIComponent(programme)).catch(() => undefined);
  // A failed load is not fatal here: the page's own lazy load retries and reports it.
  if (isFormPage(window.location.hash)) await formPage.preload().catch(() => undefined);
  createRoot(root).render(<App />);
}
