import { requestEarly } from './api/client';
import { loadSession } from './api/session';
import { firstRequests } from './first-requests';
import './app.css';
import './portal.css';

// A small first script: it asks the server who is logged in and what the page at this address
// will read first, and only then loads the portal's code (React, MUI, the pages), so the answers
// are on their way while that code is fetched and evaluated.
void loadSession();
for (const path of firstRequests(window.location.hash)) requestEarly(path);

const root = document.getElementById('root');
if (root)
  import('./mount').then(
    ({ mount }) => mount(root),
    () => {
      root.innerHTML =
        '<main><p role="alert">页面加载失败，可能是网络中断或系统刚刚更新，请刷新页面重试。</p></main>';
    },
  );
