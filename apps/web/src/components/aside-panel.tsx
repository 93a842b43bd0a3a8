import Alert from '@mui/material/Alert';
import type { AsideField } from '@shenbao/forms';

/**
 * Fields of an older draft that the current form no longer has. They stay in the draft
 * (and in its export) until the applicant discards them: nothing typed is lost silently.
 */
export function AsidePanel({ aside, onDiscard }: { aside: AsideField[]; onDiscard: (path: string) => void }) {
  if (aside.length === 0) return null;
  return (
    <Alert severity="warning" className="aside-panel" data-testid="aside">
      <strong>表单已更新，以下 {aside.length} 项内容在新版表单中已没有对应栏目，已单独保留：</strong>
      <ul>
        {aside.map((a) => (
          <li key={a.path}>
            <code>{a.path}</code>（来自 {a.fromVersion || '旧版'}）：{preview(a.value)}{' '}
            <button type="button" onClick={() => onDiscard(a.path)}>
              不再需要，移除
            </button>
          </li>
        ))}
      </ul>
      <span>导出草稿时这些内容会一并导出。</span>
    </Alert>
  );
}

function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
