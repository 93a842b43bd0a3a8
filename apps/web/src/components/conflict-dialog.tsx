import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { Program } from '@shenbao/core';
import type { SchemaNode } from '@shenbao/forms';
import { useMemo, useState } from 'react';
import { fieldDifferences } from '../application/data-diff';
import { downloadJson } from '../documents/documents';
import { zonedText } from '../time';

export interface ConflictVersions {
  local: { data: unknown; savedAt: string };
  server: { data: unknown; savedAt: string; version: number };
}

/**
 * Both this browser and the server changed the application since they last agreed: the two
 * versions side by side, when each was saved and which fields differ, and the applicant
 * chooses. Neither is dropped — each can be downloaded here, and the one not chosen stays
 * downloadable on the page afterwards.
 */
export function ConflictDialog({
  program,
  schema,
  versions,
  fileStem,
  onChoose,
}: {
  program: Program;
  schema: SchemaNode;
  versions: ConflictVersions;
  fileStem: string;
  onChoose: (which: 'local' | 'server') => Promise<void>;
}) {
  const tz = program.manifest.timezone;
  const diffs = useMemo(
    () => fieldDifferences(program, schema, versions.local.data, versions.server.data, 100),
    [program, schema, versions],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const choose = async (which: 'local' | 'server'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await onChoose(which);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog open maxWidth="md" fullWidth aria-labelledby="conflict-title" data-testid="conflict">
      <DialogTitle id="conflict-title">本机与服务器上的申报书不一致，请选择保留哪个版本</DialogTitle>
      <DialogContent>
        <p>
          本机有尚未同步的修改，而服务器上的申报书在此期间也被修改过（可能来自另一台电脑、另一个浏览器或同单位的其他账号）。
          请选择要继续使用的版本；未选择的版本不会丢失，可随时下载为文件保存，之后可通过“导入草稿”取回其中内容。
        </p>
        <table className="sb-table conflict-table">
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">本机版本（保存于 {zonedText(versions.local.savedAt, tz, true)}）</th>
              <th scope="col">服务器版本（保存于 {zonedText(versions.server.savedAt, tz, true)}）</th>
            </tr>
          </thead>
          <tbody>
            {diffs.map((d) => (
              <tr key={d.path} data-path-diff={d.path}>
                <th scope="row">{d.title}</th>
                <td>{d.a}</td>
                <td>{d.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {diffs.length >= 100 && <p className="hint">仅列出前 100 处不同。</p>}
        <p className="toolbar">
          <Button size="small" onClick={() => downloadJson(versions.local.data, `${fileStem}-本机版本.json`)}>
            下载本机版本
          </Button>
          <Button
            size="small"
            onClick={() => downloadJson(versions.server.data, `${fileStem}-服务器版本.json`)}
          >
            下载服务器版本
          </Button>
        </p>
        {error && (
          <p className="sb-cell-error" role="alert">
            {error}
          </p>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="outlined" disabled={busy} onClick={() => void choose('server')}>
          采用服务器版本
        </Button>
        <Button variant="contained" disabled={busy} onClick={() => void choose('local')}>
          采用本机版本
        </Button>
      </DialogActions>
    </Dialog>
  );
}
