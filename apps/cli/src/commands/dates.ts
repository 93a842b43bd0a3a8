import {
  actValidity,
  BUILTIN_FORMATS,
  banFor,
  cnIsoDate,
  groundArticle,
  majorChangeNotice,
  publicityPeriod,
  withinValidity,
} from '@shenbao/core';
import type { Command } from 'commander';
import { type CliContext, CliExit, EXIT } from '../context';

// The procedure's date rules (publicity, ban end, major-change notice, validity) for a clerk at
// the command line: every number and every article comes from the programme's program.json.

interface Common {
  program?: string;
  json?: boolean;
}

const isDate = (s: string): boolean => BUILTIN_FORMATS.date?.validate(s) === true;

/** A YYYY-MM-DD argument, or a usage error naming the option. */
function dateArg(value: string | undefined, name: string): string {
  if (value === undefined) throw new CliExit(EXIT.usage, `缺少 ${name}（日期，格式为 YYYY-MM-DD）`);
  if (!isDate(value)) throw new CliExit(EXIT.usage, `${name} 不是有效日期：${value}（格式为 YYYY-MM-DD）`);
  return value;
}

const common = (c: Command): Command =>
  c
    .option('-p, --program <dir>', '项目目录（默认见 shenbao.config.json）/ programme folder')
    .option('--json', '以 JSON 输出结果 / print the result as JSON');

export function register(cli: Command, ctx: CliContext): void {
  const dates = cli
    .command('dates')
    .description('办理期限：公示期、撤销后的申请限制、重大调整告知、办法有效期 / procedure dates');

  common(
    dates
      .command('publicity')
      .description('公示期：从发布日起算的起止日期 / the publicity period from its start')
      .requiredOption('--from <date>', '公示发布日期 YYYY-MM-DD / publication date'),
  ).action((opts: Common & { from: string }) => {
    const program = ctx.program(opts.program);
    const rule = program.manifest.procedure.publicity;
    const from = dateArg(opts.from, '--from');
    const r = publicityPeriod(rule, from, (y) => program.calendar(y));
    if (opts.json) ctx.out(JSON.stringify(r, null, 2));
    else if (!r.ok) ctx.out(`✘ 无法计算公示期：${r.reason}`);
    else {
      const unit = r.unit === 'working' ? '个工作日' : '日';
      const firstDay = rule.includeStartDay ? '发布当日计入' : '发布当日不计入';
      ctx.out(`公示期（${r.article}）：${r.length}${unit}，${firstDay}`);
      ctx.out(`${cnIsoDate(r.start)}发布：公示期自${cnIsoDate(r.first)}至${cnIsoDate(r.end)}`);
      for (const w of r.warnings) ctx.out(`注意：${w}`);
    }
    process.exitCode = r.ok ? EXIT.ok : EXIT.problems;
  });

  common(
    dates
      .command('ban')
      .description('撤销认定后重新申请的限制期 / the re-application ban after a revocation')
      .requiredOption('--ground <n>', '撤销情形编号 / revocation ground number')
      .requiredOption('--decided <date>', '撤销决定日期 YYYY-MM-DD / decision date'),
  ).action((opts: Common & { ground: string; decided: string }) => {
    const program = ctx.program(opts.program);
    const m = program.manifest;
    const decided = dateArg(opts.decided, '--decided');
    const grounds = m.procedure.revocation.grounds;
    const known = grounds.map((g) => `${g.id}${g.item}`).join('、');
    const id = /^\d+$/.test(opts.ground) ? Number(opts.ground) : Number.NaN;
    const ban = Number.isInteger(id) ? banFor(m, id, decided) : undefined;
    if (!ban)
      throw new CliExit(
        EXIT.usage,
        `撤销情形“${opts.ground}”不存在（${m.procedure.revocation.article}的撤销情形：${known}）`,
      );
    const article = groundArticle(m, ban.ground);
    if (opts.json) {
      ctx.out(
        JSON.stringify(
          {
            ground: ban.ground.id,
            groundArticle: article,
            groundText: ban.ground.text,
            decided,
            kind: ban.kind,
            until: ban.until ?? null,
            reapplyFrom: ban.reapplyFrom ?? null,
            text: ban.text,
            article: ban.article ?? null,
          },
          null,
          2,
        ),
      );
      return;
    }
    ctx.out(`撤销情形：${article}　${ban.ground.text}`);
    const cite = ban.article ? `（${ban.article}）` : '';
    if (ban.kind === 'none') ctx.out(`重新申请：不受限制${cite}`);
    else if (ban.kind === 'forever') ctx.out(`重新申请：${ban.text || '不得重新申请'}${cite}`);
    else if (ban.until && ban.reapplyFrom) {
      ctx.out(
        `${cnIsoDate(decided)}作出撤销决定：${ban.text || `至${cnIsoDate(ban.until)}不得重新申请`}${cite}`,
      );
      ctx.out(`限制期至${cnIsoDate(ban.until)}，${cnIsoDate(ban.reapplyFrom)}起可重新申请`);
    }
  });

  common(
    dates
      .command('change-notice')
      .description('重大调整的提前告知 / the notice a major change needs')
      .requiredOption('--change <date>', '办理变更手续的日期 YYYY-MM-DD / date of the change')
      .option('--reported <date>', '告知日期 YYYY-MM-DD（缺省只给出最迟告知日）/ date it was reported'),
  ).action((opts: Common & { change: string; reported?: string }) => {
    const program = ctx.program(opts.program);
    const rule = program.manifest.procedure.majorChange;
    const change = dateArg(opts.change, '--change');
    const reported = opts.reported === undefined ? undefined : dateArg(opts.reported, '--reported');
    // Without a report date, the deadline alone: the day the report is due.
    const r = majorChangeNotice(rule, change, reported ?? change);
    if (opts.json) {
      ctx.out(
        JSON.stringify(
          {
            change,
            reported: reported ?? null,
            noticeDaysBefore: rule.noticeDaysBefore,
            deadline: r.deadline,
            daysBefore: reported === undefined ? null : r.daysBefore,
            timely: reported === undefined ? null : r.timely,
            reason: reported === undefined ? null : (r.reason ?? null),
            article: rule.article,
          },
          null,
          2,
        ),
      );
    } else {
      ctx.out(
        `重大调整（${rule.article}）：须在办理相关手续前${rule.noticeDaysBefore}日告知，${cnIsoDate(change)}办理的，最迟于${cnIsoDate(r.deadline)}告知`,
      );
      if (reported !== undefined)
        ctx.out(
          r.timely
            ? `✔ ${cnIsoDate(reported)}告知，提前${r.daysBefore}日，符合要求`
            : `✘ ${cnIsoDate(reported)}告知：${r.reason}`,
        );
    }
    process.exitCode = reported === undefined || r.timely ? EXIT.ok : EXIT.problems;
  });

  common(
    dates
      .command('validity')
      .description('某日是否在办法有效期内 / whether a date lies within the measures’ validity')
      .argument('<date>', '日期 YYYY-MM-DD / date'),
  ).action((date: string, opts: Common) => {
    const program = ctx.program(opts.program);
    const m = program.manifest;
    const day = dateArg(date, '日期');
    const v = withinValidity(m.validity, day);
    const act = actValidity(m, day);
    if (opts.json) {
      ctx.out(
        JSON.stringify(
          {
            date: day,
            within: v.within,
            from: v.from,
            to: v.to,
            article: m.validity.article,
            outside: m.validity.outside ?? 'refuse',
            actsAllowed: act.allowed,
            reason: v.reason ?? null,
          },
          null,
          2,
        ),
      );
    } else if (v.within) {
      ctx.out(
        `✔ ${cnIsoDate(day)}在本办法有效期内（${cnIsoDate(v.from)}至${cnIsoDate(v.to)}，${m.validity.article}）`,
      );
    } else {
      ctx.out(
        `✘ ${cnIsoDate(day)}不在本办法有效期内（${cnIsoDate(v.from)}至${cnIsoDate(v.to)}，${m.validity.article}）`,
      );
      ctx.out(act.allowed ? '有效期外的办理事项照常办理，并予提示' : '有效期外的办理事项不予办理');
    }
    process.exitCode = v.within ? EXIT.ok : EXIT.problems;
  });
}
