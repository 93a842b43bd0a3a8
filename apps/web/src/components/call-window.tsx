import type { CallWindowInfo } from '../api/types';
import { zonedText } from '../time';

/** Whether submission is blocked by the call window, and the words to say so. */
export function windowBlock(w: CallWindowInfo | undefined): { label: string; reason: string } | undefined {
  if (w?.open !== false) return undefined;
  // The server's reason comes from core's callWindow: "申报尚未开始（…开始）" or "申报已于…截止".
  const notYet = (w.reason ?? '').includes('尚未开始');
  const label = notYet ? '申报尚未开始' : '申报已截止';
  return { label, reason: w.reason ?? label };
}

/** 申报时间：2026年3月12日 0:00 至 2026年3月20日 17:30, with the call's state when it is not open. */
export function CallWindowLine({
  window: w,
  timeZone,
}: {
  window: CallWindowInfo | undefined;
  timeZone: string;
}) {
  if (!w?.opens || !w.closes) return null;
  const block = windowBlock(w);
  return (
    <p className="call-window" data-testid="call-window" data-open={block ? 'false' : 'true'}>
      申报时间：{zonedText(w.opens, timeZone)} 至 {zonedText(w.closes, timeZone)}
      {block ? (
        <span className="call-closed" title={block.reason}>
          {block.label}
        </span>
      ) : (
        <span className="call-open">申报进行中</span>
      )}
    </p>
  );
}
