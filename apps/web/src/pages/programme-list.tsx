import Alert from '@mui/material/Alert';
import { useEffect, useState } from 'react';
import { isStaffOf, useSession } from '../api/session';
import type { ProgrammeSummary } from '../api/types';
import { programmeSummaries } from '../programmes';
import { href } from '../router';

/** The programmes the server serves; staff of a programme also get its console links. */
export function ProgrammeList() {
  const session = useSession();
  const [list, setList] = useState<ProgrammeSummary[] | undefined>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    programmeSummaries().then(setList, (e: Error) => setError(e.message));
  }, []);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!list) return <p className="loading">正在加载…</p>;
  const applicant = session.status === 'user' && session.user.role === 'applicant';
  return (
    <main className="programme-list">
      <h1>在线申报</h1>
      <p>
        请选择要申报的项目。申报书保存在服务器上，可随时继续填写
        {session.status !== 'user' && (
          <>
            ；首次申报请先<a href={href.register()}>注册申报单位</a>，已注册请<a href={href.login()}>登录</a>
          </>
        )}
        {applicant && (
          <>
            ；已开始的申报见<a href={href.mine()}>我的申报</a>
          </>
        )}
        。
      </p>
      {list.length === 0 && <p>服务器上暂无可申报的项目。</p>}
      {list.map((p) => (
        <section key={p.id} className="programme-card" aria-labelledby={`p-${p.id}`} data-programme={p.id}>
          <h2 id={`p-${p.id}`}>{p.title}</h2>
          <p className="meta">
            {p.authority}
            {p.docNo ? ` · 依据 ${p.docNo}` : ''}
          </p>
          <div className="actions">
            {p.submissionForm ? (
              <a className="primary" href={href.apply(p.id)}>
                开始申报
              </a>
            ) : (
              <a href={href.apply(p.id)}>在线填写（不在网上提交）</a>
            )}
            <a href={href.review(p.id)}>打印预览</a>
            {isStaffOf(session, p.id) && (
              <>
                <a href={href.staffList(p.id)} data-staff-link="">
                  申报列表（主管部门）
                </a>
                <a href={href.targets(p.id)} data-staff-link="">
                  年度要求（主管部门）
                </a>
              </>
            )}
          </div>
          <details>
            <summary>全部表单</summary>
            <ul>
              {p.forms.map((f) => (
                <li key={f.id}>
                  <a href={f.id === p.submissionForm ? href.apply(p.id) : href.form(p.id, f.id)}>{f.title}</a>
                </li>
              ))}
            </ul>
          </details>
        </section>
      ))}
    </main>
  );
}
