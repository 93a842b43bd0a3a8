import { cnDateTime } from '../formats/cn-date';
import type { ProgramManifest } from '../generated/program';
import { getPointer } from '../json-pointer';

export interface CallWindowResult {
  open: boolean;
  opens: string | undefined;
  closes: string | undefined;
  reason: string | undefined;
}

/**
 * Whether an instant falls inside a year's call window (申报时间). The window's ends carry a
 * time of day and an offset (the 2026 call closed 2026-03-20 17:30 Beijing time).
 */
export function callWindow(manifest: ProgramManifest, targets: unknown, at: Date): CallWindowResult {
  const spec = manifest.targets.callWindow;
  const opens = spec ? getPointer(targets, spec.opens) : undefined;
  const closes = spec ? getPointer(targets, spec.closes) : undefined;
  if (typeof opens !== 'string' || typeof closes !== 'string')
    return { open: true, opens: undefined, closes: undefined, reason: undefined };
  const t = at.getTime();
  const tz = manifest.timezone;
  if (t < Date.parse(opens))
    return { open: false, opens, closes, reason: `申报尚未开始（${cnDateTime(opens, tz)}开始）` };
  if (t > Date.parse(closes))
    return { open: false, opens, closes, reason: `申报已于${cnDateTime(closes, tz)}截止` };
  return { open: true, opens, closes, reason: undefined };
}
