import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { BUILTIN_FORMATS } from '@shenbao/core';
import { normaliseUscc, usccHint } from '@shenbao/forms';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { register } from '../api/session';
import { href, safeNext } from '../router';

type Field = 'uscc' | 'orgName' | 'contact' | 'mobile' | 'password' | 'confirm';
type Values = Record<Field, string>;

const LABELS: Record<Field, string> = {
  uscc: '统一社会信用代码',
  orgName: '单位名称',
  contact: '联系人',
  mobile: '手机号码（登录账号）',
  password: '密码',
  confirm: '确认密码',
};

/** What is wrong with one field, in Chinese; undefined when it is fine (or still being typed). */
export function fieldProblem(field: Field, v: Values, final: boolean): string | undefined {
  const value = v[field].trim();
  if (!value) return final ? `请填写${LABELS[field]}` : undefined;
  switch (field) {
    case 'uscc': {
      const code = normaliseUscc(value) ?? '';
      // The check character is judged as soon as all 18 characters are there.
      if (code.length < 18 && !final) return undefined;
      const uscc = BUILTIN_FORMATS.uscc as (typeof BUILTIN_FORMATS)[string];
      return uscc.validate(code) ? undefined : `统一社会信用代码${uscc.message(code)}`;
    }
    case 'mobile': {
      const mobile = BUILTIN_FORMATS.mobile as (typeof BUILTIN_FORMATS)[string];
      if (!final && value.length < 11) return undefined;
      return mobile.validate(value) ? undefined : `手机号码${mobile.message(value)}`;
    }
    case 'password':
      if (!final && value.length < 8) return undefined;
      return v.password.length >= 8 && /[A-Za-z]/.test(v.password) && /\d/.test(v.password)
        ? undefined
        : '密码至少8位，须同时包含字母和数字';
    case 'confirm':
      return v.confirm === v.password ? undefined : '两次输入的密码不一致';
    default:
      return undefined;
  }
}

/** Which field a refusal of the server concerns, from its code or the field it names. */
function refusedField(e: ApiError): Field | undefined {
  const named = e.body.field ?? (e.body.errors as { path?: string }[] | undefined)?.[0]?.path;
  if (typeof named === 'string') {
    const key = named.replace(/^\//, '') as Field;
    if (key in LABELS) return key;
  }
  const code = e.code.toUpperCase();
  if (code.includes('USCC')) return 'uscc';
  if (code.includes('LOGIN') || code.includes('MOBILE')) return 'mobile';
  if (code.includes('PASSWORD')) return 'password';
  // A plain 400 names its field first, in the field's own words (「统一社会信用代码」…, 密码…).
  return (Object.keys(LABELS) as Field[]).find((f) =>
    e.message.replace(/^「/, '').startsWith(LABELS[f].replace(/（.*$/, '')),
  );
}

/**
 * 注册: an enterprise registers itself — the 统一社会信用代码 checked as it is typed (its check
 * character), name, contact, mobile (the login) and password. Refusals of the server appear
 * next to the field they concern.
 */
export function RegisterPage({ query }: { query: URLSearchParams }) {
  const [v, setV] = useState<Values>({
    uscc: '',
    orgName: '',
    contact: '',
    mobile: '',
    password: '',
    confirm: '',
  });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [server, setServer] = useState<{ field?: Field; message: string }>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  const problem = (f: Field): string | undefined =>
    (server?.field === f ? server.message : undefined) ?? fieldProblem(f, v, tried || touched[f] === true);

  const field = (f: Field, props: { type?: string; autoComplete?: string; hint?: string } = {}) => {
    const p = problem(f);
    return (
      <TextField
        label={LABELS[f]}
        value={v[f]}
        type={props.type}
        autoComplete={props.autoComplete}
        required
        fullWidth
        error={p !== undefined}
        helperText={p ?? props.hint ?? ' '}
        onChange={(e) => {
          const value = f === 'uscc' ? e.target.value.toUpperCase() : e.target.value;
          setV((old) => ({ ...old, [f]: value }));
          if (server?.field === f) setServer(undefined);
        }}
        onBlur={() => setTouched((t) => ({ ...t, [f]: true }))}
        slotProps={{ htmlInput: { 'data-field': f } }}
      />
    );
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTried(true);
    const fields = Object.keys(LABELS) as Field[];
    const bad = fields.find((f) => fieldProblem(f, v, true));
    if (bad) {
      document.querySelector<HTMLElement>(`[data-field="${bad}"]`)?.focus();
      return;
    }
    setBusy(true);
    setServer(undefined);
    try {
      await register({
        uscc: normaliseUscc(v.uscc) ?? '',
        orgName: v.orgName.trim(),
        contact: v.contact.trim(),
        mobile: v.mobile.trim(),
        password: v.password,
      });
      window.location.hash = safeNext(query.get('next') ?? href.mine());
    } catch (err) {
      const f = err instanceof ApiError ? refusedField(err) : undefined;
      setServer({ field: f, message: (err as Error).message });
      if (f) document.querySelector<HTMLElement>(`[data-field="${f}"]`)?.focus();
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <h1>注册申报单位</h1>
      <p className="hint">
        每个单位（统一社会信用代码）注册一次；同单位的其他人员请由已注册的账号邀请。注册后用手机号码登录。
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate className="auth-form">
        {field('uscc', { hint: usccHint(v.uscc) ?? '18位，如 91441900MA5H7K2Q4P' })}
        {field('orgName', { autoComplete: 'organization', hint: '与营业执照一致' })}
        {field('contact', { autoComplete: 'name' })}
        {field('mobile', { autoComplete: 'tel', type: 'tel' })}
        {field('password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: '至少8位，须同时包含字母和数字',
        })}
        {field('confirm', { type: 'password', autoComplete: 'new-password' })}
        {server && !server.field && (
          <Alert severity="error" role="alert" data-testid="register-error">
            {server.message}
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? '正在注册…' : '注册并登录'}
        </Button>
      </form>
      <p>
        已有账号？<a href={href.login(query.get('next') ?? undefined)}>登录</a>
      </p>
    </main>
  );
}
