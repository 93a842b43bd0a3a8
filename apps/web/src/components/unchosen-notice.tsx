import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { downloadJson } from '../documents/documents';
import type { LocalCopy } from '../storage/db';
import { zonedText } from '../time';

/**
 * The version of the application the applicant did not keep (a conflict chosen the other way,
 * or changes the server could no longer take): downloadable until dismissed, so it is never lost.
 */
export function UnchosenNotice({
  unchosen,
  readonly,
  timeZone,
  fileStem,
  onDismiss,
}: {
  unchosen: NonNullable<LocalCopy['unchosen']>;
  readonly: boolean;
  timeZone: string;
  fileStem: string;
  onDismiss: () => void;
}) {
  const local = unchosen.source === 'local';
  const when = zonedText(unchosen.savedAt, timeZone, true);
  return (
    <Alert
      severity="warning"
      data-testid="unchosen"
      action={
        <span className="alert-actions">
          <Button
            size="small"
            color="inherit"
            variant="outlined"
            onClick={() =>
              downloadJson(unchosen.data, `${fileStem}-${local ? '本机版本' : '服务器版本'}.json`)
            }
          >
            下载
          </Button>
          <Button size="small" color="inherit" onClick={onDismiss}>
            关闭
          </Button>
        </span>
      }
    >
      {local
        ? `本机保存于 ${when} 的版本${readonly ? '未能同步到服务器（申报已提交）' : '未采用'}，可下载保存；需要时可通过“导入草稿”取回其中内容。`
        : `服务器上保存于 ${when} 的版本未采用，可下载保存；需要时可通过“导入草稿”取回其中内容。`}
    </Alert>
  );
}
