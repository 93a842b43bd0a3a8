import { createRoot } from 'react-dom/client';
import { loadSession } from './api/session';
import { App } from './app';
import { loadProgramme } from './programmes';
import './app.css';
import './portal.css';

// Who is logged in, and the programme a form address names (#/p/<id>/…), are asked for while
// React renders the first time: neither depends on the other.
void loadSession();
const programme = /^#\/p\/([^/?]+)/.exec(window.location.hash)?.[1];
if (programme) void loadProgramme(decodeURIComponent(programme)).catch(() => undefined);

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
