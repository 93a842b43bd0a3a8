import Alert from '@mui/material/Alert';
import { useEffect, useState } from 'react';
import { useSession } from '../api/session';
import { currentHash, href } from '../router';
import { LoadedFormView } from './form-view';
import { FormAccessError, type LoadedForm, loadForm } from './load-form';

interface Props {
  programId: string;
  form?: string;
  query: URLSearchParams;
}

/** Any programme's form by id; the programme's submission form is the applicant's application on the server. */
export function FormPage({ programId, form, query }: Props) {
  const session = useSession();
  const [loaded, setLoaded] = useState<LoadedForm | undefined>();
  const [error, setError] = useState<{ message: string; login?: boolean } | undefined>();
  const q = query.toString();
  // Reload when someone else logs in, not when the same session refreshes its token.
  const who = session.status === 'user' ? session.user.id : session.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `who` stands for the session
  useEffect(() => {
    if (who === 'loading') return;
    let live = true;
    setLoaded(undefined);
    setError(undefined);
    loadForm(programId, form, new URLSearchParams(q), session).then(
      (l) => live && setLoaded(l),
      (e: Error) => {
        if (!live) return;
        if (e instanceof FormAccessError && e.needs === 'login') {
          window.location.replace(href.login(currentHash()));
          return;
        }
        setError({ message: e.message, login: e instanceof FormAccessError });
      },
    );
    return () => {
      live = false;
    };
  }, [programId, form, q, who]);
  if (error)
    return (
      <Alert severity="error">
        {error.message}
        {error.login && (
          <>
            {' '}
            <a href={href.login(currentHash())}>换个账号登录</a>
          </>
        )}
      </Alert>
    );
  if (!loaded) return <p className="loading">正在加载表单…</p>;
  const key = loaded.mode.kind === 'server' ? loaded.mode.app.id : loaded.mode.key;
  return <LoadedFormView key={`${key}@${loaded.year}`} l={loaded} />;
}
