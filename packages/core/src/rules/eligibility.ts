import type { Condition } from '../generated/program';
import type { Program } from '../program/program';
import { type CheckContext, evaluateCheck } from './checks';

export interface ConditionResult {
  id: string;
  article: string;
  title: string;
  met: boolean;
  /** zh-CN reasons why it is not met; empty when met. */
  reasons: string[];
}

export interface EligibilityResult {
  met: boolean;
  conditions: ConditionResult[];
  materials: ConditionResult[];
}

function evaluateCondition(ctx: CheckContext, condition: Condition, data: unknown): ConditionResult {
  const reasons = condition.checks.flatMap((check) => evaluateCheck(ctx, check, { data, base: '' }));
  return {
    id: condition.id,
    article: condition.article,
    title: condition.title,
    met: reasons.length === 0,
    reasons,
  };
}

/**
 * The basic conditions and required materials of the programme (for the Dongguan
 * programme: 第六条（一）…（七） and 第八条), each met or not with its reasons,
 * measured against one year's targets.
 */
export function eligibility(program: Program, application: unknown, targets: unknown): EligibilityResult {
  const spec = program.manifest.eligibility;
  const ctx: CheckContext = { program, targets, schema: program.schemaFor({ form: spec.form, targets }) };
  const conditions = spec.conditions.map((c) => evaluateCondition(ctx, c, application));
  const materials = spec.materials.map((c) => evaluateCondition(ctx, c, application));
  return { met: [...conditions, ...materials].every((r) => r.met), conditions, materials };
}

/** Whether a check-guarded document (e.g. the hall commitment letter) applies to this data. */
export function documentApplies(program: Program, docId: string, data: unknown): boolean {
  const entry = program.manifest.documents?.find((d) => d.id === docId);
  if (!entry?.appliesIf) return entry !== undefined;
  const schema = entry.dataSchema ? (program.json(entry.dataSchema) as Record<string, unknown>) : {};
  return (
    evaluateCheck({ program, targets: undefined, schema }, entry.appliesIf, { data, base: '' }).length === 0
  );
}
