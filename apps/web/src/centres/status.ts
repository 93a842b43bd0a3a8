import type { Program } from '@shenbao/core';
import type { CentreView, CentreYear } from './api';

/** Whether an application in `state` is a recognised centre (a state whose outcome is recognised). */
export function isRecognisedState(program: Program | undefined, state: string): boolean {
  return (
    program?.manifest.procedure.states.some((s) => s.id === state && s.outcome === 'recognised') === true
  );
}

/** A year's result in the words of the bureau's export (docs/api.md, centres.xlsx). */
export function yearResult(y: CentreYear | undefined): string {
  if (!y) return '未报送自评';
  if (y.missed) return '未参加考核';
  if (y.passed === true) return '达标';
  if (y.passed === false) return '未达标';
  if (y.submittedAt) return '已报送自评，待考核';
  return '未报送自评';
}

/** The centre's standing: revoked, a revocation proposed, or recognised. */
export function centreStatus(c: CentreView): { key: string; text: string } {
  if (c.status === 'revoked') return { key: 'revoked', text: '已撤销' };
  if (c.revocation?.status === 'proposed') return { key: 'proposed', text: '拟撤销' };
  return { key: 'active', text: '已认定' };
}

/** The date of recognition: that of the first name (the recognition's record), not when it was entered. */
export const recognisedOn = (c: CentreView): string | null => c.names[0]?.fromDate ?? c.recognisedAt;

/** A ground as the measures write it: its item and text, e.g. （三）连续两年绩效考核不达标. */
export const groundTitle = (g: { item?: string; text: string }): string => `${g.item ?? ''}${g.text}`;
