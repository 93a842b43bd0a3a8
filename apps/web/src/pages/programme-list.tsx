import Alert from '@mui/material/Alert';
import { useEffect, useState } from 'react';
import { type ProgrammeSummary, programmeSummaries } from '../programmes';
import { href } from '../router';

export function ProgrammeList() {
  const [list, setList] = useState<ProgrammeSummary[] | undefined>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    programmeSummaries().then(setList, (e: Error) => setError(e.message));
  }, []);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!list) return <p className="loading">正在加载…</p>;
  return (
    <main className="programme-list">
      <h1>在线申报</h1>
      <p>请选择要申报的项目。草稿自动保存在本机浏览器中。</p>
      {list.map((p) => (
        <section key={p.id} className="programme-card" aria-labelledby={`p-${p.id}`}>
          <h2 id={`p-${p.id}`}>
            {p.title}
            {p.test && <span className="tag">测试项目</span>}
          </h2>
          <p className="meta">
            {p.authority}
            {p.docNo ? ` · 依据 ${p.docNo}` : ''}
          </p>
          <div className="actions">
            {p.eligibilityForm && (
              <a className="primary" href={href.apply(p.id)}>
                开始申报
              </a>
            )}
            <a href={href.review(p.id)}>打印预览</a>
            <a href={href.targets(p.id)}>年度要求（主管部门）</a>
          </div>
          <details>
            <summary>全部表单</summary>
            <ul>
              {p.forms.map((f) => (
                <li key={f.id}>
                  <a href={href.form(p.id, f.id)}>{f.title}</a>
                </li>
              ))}
            </ul>
          </details>
        </section>
      ))}
    </main>
  );
}
