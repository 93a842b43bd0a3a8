import { requestEarly } from './api/client';
import { loadSession } from './api/session';
import { firstRequests, followUpRequests, formRoute, isFormPage } from './first-requests';
import './app.css';
import './portal.css';

// A small first script: it asks the server who is logged in and what the page at this address
// will read first, and only then loads the portal's code (React, MUI, the pages), so the answers
// are on their way while that code is fetched and evaluated.
void loadSession();
const hash = window.location.hash;
for (const path of firstRequests(hash))
  requestEarly(path).then(
    (answer) => {
      for (const next of followUpRequests(hash, path, answer)) requestEarly(next);
    },
    () => undefined,
  );
// A form page's own code (the form renderers) is fetched alongside the portal's, not after it
// (the build names its chunks in a meta tag: vite.config.ts).
if (isFormPage(window.location.hash)) {
  const names = document.querySelector<HTMLMetaElement>('meta[name="shenbao-form-chunks"]')?.content;
  for (const name of names?.split(' ').filter(Boolean) ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = `./${name}`;
    document.head.append(link);
  }
}

// A build carrying the benchmark fixtures (VITE_SHENBAO_FIXTURES=1) fetches them now on a fixture's
// form page, as a form's data would be on its way; the normal build drops this branch.
if (import.meta.env.VITE_SHENBAO_FIXTURES === '1' && formRoute(hash)?.query.has('fixture'))
  import('./fixtures').catch(() => undefined);

const root = document.getElementById('root');
if (root)
  import('./mount').then(
    ({ mount }) => mount(root),
    () => {
      root.innerHTML =
        '<main><p role="alert">页面加载失败，可能是网络中断或系统刚刚更新，请刷新页面重试。</p></main>';
    },
  );
