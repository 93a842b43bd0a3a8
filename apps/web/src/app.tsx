import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { shenbaoTheme } from '@shenbao/forms';
import { FormPage } from './pages/form-page';
import { ProgrammeList } from './pages/programme-list';
import { ReviewPage } from './pages/review-page';
import { TargetsPage } from './pages/targets-page';
import { href, type Route, useRoute } from './router';

function Page({ route }: { route: Route }) {
  const [p, id, section, sub] = route.parts;
  if (p !== 'p' || !id) return <ProgrammeList />;
  switch (section) {
    case 'apply':
      return <FormPage programId={id} query={route.query} />;
    case 'form':
      return <FormPage programId={id} form={sub} query={route.query} />;
    case 'review':
      return <ReviewPage programId={id} query={route.query} />;
    case 'staff':
      if (sub === 'targets') return <TargetsPage programId={id} query={route.query} />;
      break;
  }
  return (
    <main>
      <p>页面不存在。</p>
      <a href={href.home()}>返回项目列表</a>
    </main>
  );
}

export function App() {
  const route = useRoute();
  return (
    <ThemeProvider theme={shenbaoTheme}>
      <CssBaseline />
      <a className="skip" href="#content">
        跳到正文
      </a>
      <header className="site no-print">
        <a href={href.home()} className="brand">
          申报 · 在线填报
        </a>
      </header>
      <div id="content" className="content">
        <Page route={route} />
      </div>
    </ThemeProvider>
  );
}
