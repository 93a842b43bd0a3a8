import Alert from '@mui/material/Alert';
import { useEffect, useState } from 'react';
import { currentSession, type SessionState, useSession } from '../api/session';
import { currentHash, href } from '../router';
import { LoadedFormView } from './form-view';
import { FormAccessError, type LoadedForm, loadForm } from './load-form';

interface Props {
  programId: string;
  form?: string;
  query: URLSearchParams;
}

/** Who the form is loaded for: another login loads it again, a refreshed token of the same one does not. */
const sessionKey = (session: SessionState): string =>
  session.status === 'user' ? session.user.id : session.status;

const aheadKey = (programId: string, form: string | undefined, q: string, who: string): string =>
  JSON.stringify([programId, form ?? '', q, who]);

/** A form loaded before the portal first rendered (loadFormAhead), kept for the page that shows it. */
let ahead: { key: string; promise: Promise<LoadedForm>; result?: LoadedForm } | undefined;

/**
 * Starts loading a form before the portal's first render (mount.tsx, on a form address, once the
 * session is known): the page then renders the form in its first render instead of a loading line
 * followed by a second render. Resolves when the load has ended, failed or not; a failure is the
 * page's to report.
 */
export function loadFormAhead(
  programId: string,
  form: string | undefined,
  query: URLSearchParams,
): Promise<void> {
  const session = currentSession();
  if (session.status === 'loading') return Promise.resolve();
  const entry: NonNullable<typeof ahead> = {
    key: aheadKey(programId, form, query.toString(), sessionKey(session)),
    promise: loadForm(programId, form, query, session),
  };
  ahead = entry;
  return entry.promise.then(
    (l) => {
      entry.result = l;
    },
    () => undefined,
  );
}

/** The form loaded ahead for this page, once: a later visit to the same address loads it anew. */
function takeAhead(key: string): NonNullable<typeof ahead> | undefined {
  const found = ahead?.key === key ? ahead : undefined;
  if (found) ahead = undefined;
  return found;
}

/** Any programme's form by id; the programme's submission form is the applicant's application on the server. */
export function FormPage({ programId, form, query }: Props) {
  const session = useSession();
  const q = query.toString();
  // Reload when someone else logs in, not when the same session refreshes its token.
  const who = sessionKey(session);
  const [loaded, setLoaded] = useState<LoadedForm | undefined>(() =>
    ahead?.key === aheadKey(programId, form, q, who) ? ahead.result : undefined,
  );
  const [error, setError] = useState<{ message: string; login?: boolean } | undefined>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `who` stands for the session
  useEffect(() => {
    if (who === 'loading') return;
    let live = true;
    const early = takeAhead(aheadKey(programId, form, q, who));
    // A form loaded ahead is already on screen (the first render took it): nothing to clear.
    if (!early?.result) {
      setLoaded(undefined);
      setError(undefined);
    }
    (early?.promise ?? loadForm(programId, form, new URLSearchParams(q), session)).then(
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
