import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { shenbaoTheme } from '@shenbao/forms';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { logout, ROLE_NAMES, type SessionState, useSession } from './api/session';
import type { Role } from './api/types';
import { lazyPage } from './lazy-page';
import { CentresPage } from './pages/centres-page';
import { LoginPage } from './pages/login-page';
import { MessagesPage } from './pages/messages-page';
import { MinePage } from './pages/mine-page';
import { NoticesPage } from './pages/notices-page';
import { ProgrammeList } from './pages/programme-list';
import { ProgressPage } from './pages/progress-page';
import { ReceiptPage } from './pages/receipt-page';
import { RegisterPage } from './pages/register-page';
import { ReviewerQueuePage } from './pages/reviewer-queue-page';
import { StaffListPage } from './pages/staff-list-page';
import { useUnread } from './procedure/unread';
import { currentHash, href, type Route, useRoute } from './router';

// Loaded on demand: the pages that carry the form renderers (JSON Forms, date pickers) or ECharts,
// so the lists, the log-in and the home page start without them.
const DashboardPage = lazy(() =>
  import('./pages/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const CentreOperatorPage = lazy(() =>
  import('./pages/centre-operator-page').then((m) => ({ default: m.CentreOperatorPage })),
);
const CentrePage = lazy(() => import('./pages/centre-page').then((m) => ({ default: m.CentrePage })));
// The form page is also loaded ahead, before the portal first renders on a form address (mount.tsx).
export const formPage = lazyPage(() => import('./pages/form-page').then((m) => m.FormPage));
const FormPage = formPage.Page;
const NoticeEditorPage = lazy(() =>
  import('./pages/notice-editor-page').then((m) => ({ default: m.NoticeEditorPage })),
);
const ReviewFormPage = lazy(() =>
  import('./pages/review-form-page').then((m) => ({ default: m.ReviewFormPage })),
);
const ReviewPage = lazy(() => import('./pages/review-page').then((m) => ({ default: m.ReviewPage })));
const StaffApplicationPage = lazy(() =>
  import('./pages/staff-application-page').then((m) => ({ default: m.StaffApplicationPage })),
);
const TargetsPage = lazy(() => import('./pages/targets-page').then((m) => ({ default: m.TargetsPage })));

/** A page that needs a session (of one of `roles`): to the login page and back, or a refusal. */
function Needs({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const session = useSession();
  const anonymous = session.status === 'anonymous';
  useEffect(() => {
    if (anonymous) window.location.replace(href.login(currentHash()));
  }, [anonymous]);
  if (session.status !== 'user') return <p className="loading">正在加载…</p>;
  if (!roles.includes(session.user.role))
    return (
      <main>
        <p>当前账号（{ROLE_NAMES[session.user.role]}）无权查看此页面。</p>
        <a href={href.login(currentHash())}>换个账号登录</a>
      </main>
    );
  return <>{children}</>;
}

function Page({ route }: { route: Route }) {
  const [p, id, section, sub, subId] = route.parts;
  switch (p) {
    case undefined:
      return <ProgrammeList />;
    case 'login':
      return <LoginPage query={route.query} />;
    case 'register':
      return <RegisterPage query={route.query} />;
    case 'mine':
      return (
        <Needs roles={['applicant']}>
          <MinePage />
        </Needs>
      );
    case 'messages':
      return (
        <Needs roles={['applicant']}>
          <MessagesPage />
        </Needs>
      );
    case 'progress':
      if (id)
        return (
          <Needs roles={['applicant', 'staff']}>
            <ProgressPage id={id} />
          </Needs>
        );
      break;
    case 'centre':
      if (id)
        return (
          <Needs roles={['applicant']}>
            <CentreOperatorPage id={id} />
          </Needs>
        );
      break;
    case 'reviewer':
      return <Needs roles={['reviewer']}>{id ? <ReviewFormPage id={id} /> : <ReviewerQueuePage />}</Needs>;
    case 'receipt':
      if (id)
        return (
          <Needs roles={['applicant', 'staff', 'reviewer']}>
            <ReceiptPage id={id} />
          </Needs>
        );
      break;
    case 'p':
      if (!id) break;
      switch (section) {
        case 'apply':
          return <FormPage programId={id} query={route.query} />;
        case 'form':
          return <FormPage programId={id} form={sub} query={route.query} />;
        case 'review':
          return <ReviewPage programId={id} query={route.query} />;
        case 'staff':
          if (sub === 'targets')
            return (
              <Needs roles={['staff']}>
                <TargetsPage programId={id} query={route.query} />
              </Needs>
            );
          if (sub === 'notices')
            return (
              <Needs roles={['staff']}>
                {subId ? (
                  <NoticeEditorPage programId={id} id={subId} />
                ) : (
                  <NoticesPage programId={id} query={route.query} />
                )}
              </Needs>
            );
          if (sub === 'dashboard')
            return (
              <Needs roles={['staff']}>
                <DashboardPage programId={id} query={route.query} />
              </Needs>
            );
          if (sub === 'centres')
            return (
              <Needs roles={['staff']}>
                {subId ? (
                  <CentrePage programId={id} id={subId} />
                ) : (
                  <CentresPage programId={id} query={route.query} />
                )}
              </Needs>
            );
          if (sub === 'applications')
            return (
              <Needs roles={['staff']}>
                {subId ? (
                  <StaffApplicationPage programId={id} id={subId} />
                ) : (
                  <StaffListPage programId={id} query={route.query} />
                )}
              </Needs>
            );
      }
  }
  return (
    <main>
      <p>页面不存在。</p>
      <a href={href.home()}>返回项目列表</a>
    </main>
  );
}

function Who({ session }: { session: SessionState }) {
  const unread = useUnread(session.status === 'user' && session.user.role === 'applicant');
  if (session.status === 'loading') return null;
  if (session.status === 'anonymous')
    return (
      <nav className="who" aria-label="账号">
        <a href={href.login(currentHash())}>登录</a>
        <a href={href.register()}>注册</a>
      </nav>
    );
  const { user, org } = session;
  return (
    <nav className="who" aria-label="账号">
      {user.role === 'applicant' && <a href={href.mine()}>我的申报</a>}
      {user.role === 'applicant' && (
        <a href={href.messages()} data-testid="messages-link">
          消息
          {unread ? (
            <span className="unread-count" data-testid="unread-count">
              （未读 {unread}）
            </span>
          ) : null}
        </a>
      )}
      {user.role === 'reviewer' && <a href={href.reviewerQueue()}>评审任务</a>}
      <span data-testid="who">
        {org ? `${org.name} · ` : ''}
        {user.name}（{ROLE_NAMES[user.role]}）
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() =>
          void logout().finally(() => {
            window.location.hash = href.home();
          })
        }
      >
        退出登录
      </button>
    </nav>
  );
}

export function App() {
  const route = useRoute();
  const session = useSession();
  return (
    <ThemeProvider theme={shenbaoTheme}>
      <CssBaseline />
      {/* A button, not a #content link: the page's routes live in the hash. */}
      <button type="button" className="skip" onClick={() => document.getElementById('content')?.focus()}>
        跳到正文
      </button>
      <header className="site no-print">
        <a href={href.home()} className="brand">
          申报 · 在线填报
        </a>
        <Who session={session} />
      </header>
      <div id="content" className="content" tabIndex={-1}>
        <Suspense fallback={<p className="loading">正在加载…</p>}>
          <Page route={route} />
        </Suspense>
      </div>
    </ThemeProvider>
  );
}
