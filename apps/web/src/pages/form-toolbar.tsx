import Button from '@mui/material/Button';
import { memo, useCallback, useRef } from 'react';
import { SaveIndicator, type SaveStatus } from '../components/save-indicator';
import { href } from '../router';
import type { LoadedForm } from './load-form';

/**
 * Save state, year, draft export/import and the print preview, above the form. The save state
 * changes as the applicant types (未保存, 保存中, 已保存); only the indicator renders again then,
 * not the buttons and the hidden file input (re-rendering those cost a frame at 4× CPU).
 */
export function FormToolbar({
  l,
  saveStatus,
  readonly,
  onExport,
  onImport,
}: {
  l: LoadedForm;
  saveStatus: SaveStatus;
  readonly: boolean;
  onExport: () => void;
  onImport: (file: File) => void;
}) {
  // The page's handlers are new functions each render: the actions get stable ones that call the latest.
  const latest = useRef({ onExport, onImport });
  latest.current = { onExport, onImport };
  const exportDraft = useCallback(() => latest.current.onExport(), []);
  const importDraft = useCallback((f: File) => latest.current.onImport(f), []);
  return (
    <div className="toolbar no-print">
      <SaveIndicator status={saveStatus} where={l.mode.kind} />
      <ToolbarActions l={l} readonly={readonly} onExport={exportDraft} onImport={importDraft} />
    </div>
  );
}

const ToolbarActions = memo(function ToolbarActions({
  l,
  readonly,
  onExport,
  onImport,
}: {
  l: LoadedForm;
  readonly: boolean;
  onExport: () => void;
  onImport: (file: File) => void;
}) {
  const { program, form } = l;
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
      {l.yearly && l.years.length > 1 && (
        <label className="year-pick">
          申报年度
          <select
            value={l.year}
            onChange={(e) => {
              const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
              q.set('year', e.target.value);
              window.location.hash = `${window.location.hash.split('?')[0]}?${q}`;
            }}
          >
            {l.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      )}
      <Button size="small" variant="outlined" onClick={onExport}>
        导出草稿
      </Button>
      {!readonly && (
        <>
          {/* A real button opening a hidden file input: a <label> given role="button" is not one. */}
          <Button size="small" variant="outlined" onClick={() => fileInput.current?.click()}>
            导入草稿
          </Button>
          <input
            ref={fileInput}
            hidden
            type="file"
            accept="application/json,.json"
            aria-label="导入草稿文件"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) onImport(f);
              e.target.value = '';
            }}
          />
        </>
      )}
      <Button size="small" variant="outlined" href={href.review(program.id, form, l.year)}>
        打印预览
      </Button>
    </>
  );
});
