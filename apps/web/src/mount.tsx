import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadProgramme } from './programmes';

/** Renders the portal; the programme a form address names (#/p/<id>/…) is read meanwhile. */
export function mount(root: HTMLElement): void {
  const programme = /^#\/p\/([^/?]+)/.exec(window.location.hash)?.[1];
  if (programme) void loadProgramme(decodeURIComponent(programme)).catch(() => undefined);
  createRoot(root).render(<App />);
}
