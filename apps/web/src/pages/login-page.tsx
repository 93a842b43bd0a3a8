import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { type FormEvent, useState } from 'react';
import { login, useSession } from '../api/session';
import { href, safeNext } from '../router';

/** 登录: the mobile number (or an account name given by the bureau) and the password; back to where the visitor was. */
export function LoginPage({ query }: { query: URLSearchParams }) {
  const session = useSession();
  const next = safeNext(query.get('next'));
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!account.trim() || !password) {
      setError('请输入账号和密码');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await login(account.trim(), password);
      window.location.hash = next;
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <h1>登录</h1>
      {session.status === 'anonymous' && session.error && <Alert severity="warning">{session.error}</Alert>}
      {session.status === 'user' && (
        <Alert severity="info">当前已登录：{session.user.name}。登录其他账号将替换当前登录。</Alert>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="auth-form">
        <TextField
          label="账号（注册时的手机号码）"
          value={account}
          onChange={(e) => setAccount(e.target.value)}
          autoComplete="username"
          slotProps={{ htmlInput: { 'data-testid': 'login-account' } }}
          required
          fullWidth
        />
        <TextField
          label="密码"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          slotProps={{ htmlInput: { 'data-testid': 'login-password' } }}
          required
          fullWidth
        />
        {error && (
          <Alert severity="error" role="alert" data-testid="login-error">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </Button>
      </form>
      <p>
        还没有账号？<a href={href.register(query.get('next') ?? undefined)}>注册申报单位</a>
      </p>
    </main>
  );
}
