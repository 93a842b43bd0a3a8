import { callWindow } from '../dates/call-window';
import { getPointer } from '../json-pointer';
import type { Program } from '../program/program';
import { guardData } from '../validation/guard';
import { eligibility } from './eligibility';
import type { BanKind } from './revocation';

/** One reason a submission is refused, in Chinese, with the field or the article it concerns. */
export interface SubmissionReason {
  kind: 'structure' | 'field' | 'condition' | 'material' | 'window' | 'ban' | 'organization' | 'setup';
  message: string;
  /** JSON pointer of the field, for field errors. */
  path?: string;
  article?: string;
}

export interface SubmissionVerdict {
  ok: boolean;
  reasons: SubmissionReason[];
}

/** A re-application ban in force (第十五条) as the store keeps it. */
export interface BanInForce {
  kind: BanKind;
  /** Last banned day (ISO date) for a ban that ends (years, months, until a date). */
  until: string | null;
  reason: string;
}

export interface SubmissionContext {
  /** The year's published targets (what the form and the panel use). */
  targets: unknown;
  /** The moment of submission. */
  at: Date;
  /** The organisation's bans in this programme. */
  bans?: readonly BanInForce[];
  /** The USCC the account was registered with; the application must be for that enterprise. */
  orgUscc?: string;
}

/** The ISO date of an instant in a time zone (`2026-03-20`). */
export function isoDateIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Whether a ban still stands on `today` (ISO date). */
export function banStands(ban: BanInForce, today: string): boolean {
  if (ban.kind === 'forever') return true;
  if (ban.kind === 'none') return false;
  return ban.until !== null && today <= ban.until;
}

/**
 * Whether an application may be submitted, decided from data only: the year's schema, the
 * basic conditions and materials (for the Dongguan programme 第六条 and 第八条), the call
 * window, the organisation's bans (第十五条) and its identity. The browser shows this verdict;
 * the server decides again with the very same function.
 */
export function submissionVerdict(
  program: Program,
  data: unknown,
  ctx: SubmissionContext,
): SubmissionVerdict {
  const reasons: SubmissionReason[] = [];
  const spec = program.manifest.submission;
  if (!spec)
    return {
      ok: false,
      reasons: [{ kind: 'setup', message: '本项目未开放网上申报（program.json 缺少 submission）' }],
    };
  const structural = guardData(data);
  if (structural)
    return {
      ok: false,
      reasons: [{ kind: 'structure', path: structural.path, message: structural.message }],
    };

  const window = callWindow(program.manifest, ctx.targets, ctx.at);
  if (!window.open && window.reason) reasons.push({ kind: 'window', message: window.reason });

  const today = isoDateIn(ctx.at, program.manifest.timezone);
  for (const ban of ctx.bans ?? [])
    if (banStands(ban, today))
      reasons.push({
        kind: 'ban',
        article: program.manifest.procedure.revocation.grounds[0]?.ban.article,
        message: `本单位因${ban.reason}被撤销认定，${ban.kind === 'forever' ? '不得重新申请认定' : `至${ban.until}前不得重新申请认定`}`,
      });

  if (ctx.orgUscc !== undefined) {
    const uscc = getPointer(data, spec.organization.uscc);
    if (typeof uscc === 'string' && uscc.trim().toUpperCase() !== ctx.orgUscc.toUpperCase())
      reasons.push({
        kind: 'organization',
        path: spec.organization.uscc,
        message: `申请书中的统一社会信用代码（${uscc}）与注册账号的单位（${ctx.orgUscc}）不一致`,
      });
  }

  const validation = program.validator.validate(
    program.schemaFor({ form: spec.form, targets: ctx.targets }),
    data,
  );
  for (const e of validation.errors) reasons.push({ kind: 'field', path: e.path, message: e.message });

  // Conditions read the data; on structurally wrong data their reasons would only repeat the field errors.
  if (validation.errors.length === 0) {
    const result = eligibility(program, data, ctx.targets);
    for (const c of result.conditions)
      for (const r of c.reasons)
        reasons.push({ kind: 'condition', article: c.article, message: `${c.title}：${r}` });
    for (const c of result.materials)
      for (const r of c.reasons)
        reasons.push({ kind: 'material', article: c.article, message: `${c.title}：${r}` });
  }
  return { ok: reasons.length === 0, reasons };
}

/** One attachment an application's data refers to (under program.json `submission.attachments`). */
export interface AttachmentRef {
  /** JSON pointer of the item in the data. */
  path: string;
  sha256: string;
  name: string;
  size: number | undefined;
}

/** The attachments an application's data refers to, by content digest. */
export function attachmentRefs(program: Program, data: unknown): AttachmentRef[] {
  const pointer = program.manifest.submission?.attachments;
  const list = pointer ? getPointer(data, pointer) : undefined;
  if (!pointer || !Array.isArray(list)) return [];
  const out: AttachmentRef[] = [];
  list.forEach((item, i) => {
    const it = item as { sha256?: unknown; name?: unknown; size?: unknown } | null;
    if (it && typeof it.sha256 === 'string')
      out.push({
        path: `${pointer}/${i}`,
        sha256: it.sha256,
        name: typeof it.name === 'string' ? it.name : it.sha256.slice(0, 12),
        size: typeof it.size === 'number' ? it.size : undefined,
      });
  });
  return out;
}
