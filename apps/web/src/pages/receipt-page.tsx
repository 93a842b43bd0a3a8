import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { sizeText } from '@shenbao/forms';
import { useEffect, useState } from 'react';
import { api, seg } from '../api/client';
import type { ApplicationSummary, Receipt } from '../api/types';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { zonedText } from '../time';

/** The zone's name as people read it, e.g. 中国标准时间 for Asia/Shanghai. */
function zoneName(timeZone: string | undefined): string {
  if (!timeZone) return '';
  const part = new Intl.DateTimeFormat('zh-CN', { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part ? `（${part.value}）` : '';
}

/** 受理回执: the proof of an online submission, printable on one page. */
export function ReceiptPage({ id }: { id: string }) {
  const [receipt, setReceipt] = useState<Receipt>();
  const [app, setApp] = useState<ApplicationSummary>();
  const [zone, setZone] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    Promise.all([
      api.get<Receipt>(`/api/applications/${seg(id)}/receipt`),
      api.get<ApplicationSummary>(`/api/applications/${seg(id)}`),
    ]).then(
      async ([r, a]) => {
        setReceipt(r);
        setApp(a);
        const { program } = await loadProgramme(a.programId).catch(() => ({ program: undefined }));
        setZone(program?.manifest.timezone);
      },
      (e: Error) => setError(e.message),
    );
  }, [id]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!receipt || !app) return <p className="loading">正在加载…</p>;
  return (
    <main className="receipt-page" data-testid="receipt">
      <div className="no-print toolbar">
        <a href={href.apply(app.programId, app.year)}>← 返回申报书</a>
        <a href={href.mine()}>我的申报</a>
        <Button variant="contained" size="small" onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <h1 className="receipt-title">网上申报受理回执</h1>
      <p className="receipt-sub">
        {receipt.programTitle}（{receipt.year}年度）
      </p>
      <table className="receipt-table">
        <tbody>
          <tr>
            <th scope="row">申报编号</th>
            <td className="receipt-no" data-testid="receipt-number">
              {receipt.receiptNo}
            </td>
          </tr>
          <tr>
            <th scope="row">申报项目</th>
            <td>
              {receipt.programTitle} · {receipt.formTitle}
            </td>
          </tr>
          <tr>
            <th scope="row">申报单位</th>
            <td>{receipt.orgName}</td>
          </tr>
          <tr>
            <th scope="row">统一社会信用代码</th>
            <td className="sb-mono">{receipt.uscc}</td>
          </tr>
          <tr>
            <th scope="row">提交时间</th>
            <td>
              {zonedText(receipt.submittedAt, zone, true)}
              {zoneName(zone)}
            </td>
          </tr>
          <tr>
            <th scope="row">受理单位</th>
            <td>{receipt.authority}</td>
          </tr>
          <tr>
            <th scope="row">申报数据校验码</th>
            <td className="sb-mono digest">{receipt.dataSha256}</td>
          </tr>
        </tbody>
      </table>
      <h2>附件材料（{receipt.attachments.length} 个）</h2>
      {receipt.attachments.length === 0 ? (
        <p>无</p>
      ) : (
        <table className="data-table receipt-files">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">文件名</th>
              <th scope="col">大小</th>
              <th scope="col">文件校验码</th>
            </tr>
          </thead>
          <tbody>
            {receipt.attachments.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be listed twice (two categories)
              <tr key={`${f.sha256}-${i}`}>
                <td>{i + 1}</td>
                <td>{f.name}</td>
                <td>{sizeText(f.size)}</td>
                <td className="sb-mono digest">{f.sha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {receipt.notes.length > 0 && (
        <section className="receipt-notes">
          <h2>说明</h2>
          <ol>
            {receipt.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}
