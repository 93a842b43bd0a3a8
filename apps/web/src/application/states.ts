import type { Program } from '@shenbao/core';

/**
 * The application states as applicants and staff read them. A programme names its own states
 * (program.json `procedure.states`, use `stateTitle`); these are the server's fallbacks only.
 */
const STATE_NAMES: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
};

export function stateName(state: string): string {
  return STATE_NAMES[state] ?? state;
}

/** A state's title in the programme's procedure (the fallback name when it has none). */
export function stateTitle(program: Program | undefined, state: string): string {
  return program?.manifest.procedure.states.find((s) => s.id === state)?.title ?? stateName(state);
}

/**
 * Whether the applicant may edit an application in `state`: the programme's editable states
 * (草稿, 已撤回, 退回补正 …), as the server decides; without the programme, drafts and withdrawn ones.
 */
export function isEditableState(program: Program | undefined, state: string): boolean {
  if (!program) return state === 'draft' || state === 'withdrawn';
  return program.manifest.procedure.states.some((s) => s.id === state && s.editable === true);
}

/**
 * The states a staff member can filter by: every state of the programme's procedure that is not
 * the applicant's workspace (editable states never reach the bureau), in the procedure's order.
 * Nothing until the programme is loaded.
 */
export function staffStates(program: Program | undefined): { id: string; title: string }[] {
  return (program?.manifest.procedure.states ?? [])
    .filter((s) => s.editable !== true)
    .map((s) => ({ id: s.id, title: s.title }));
}

/** What an audit entry's action means, for the 办理记录 (unknown actions as recorded). */
const ACTION_NAMES: Record<string, string> = {
  create: '创建申报',
  save: '保存草稿',
  submit: '提交申报',
  withdraw: '撤回申报',
  'assign-reviewer': '分配评审专家',
  review: '提交评审意见',
  objection: '登记公示异议',
  'objection:upheld': '决定异议成立',
  'objection:dismissed': '决定异议不成立',
};

export function actionName(action: string): string {
  return ACTION_NAMES[action] ?? action;
}

/** An audit action, a procedure transition (`transition:<id>`) by its title in the programme. */
export function auditActionName(program: Program, action: string): string {
  if (action.startsWith('transition:')) {
    const id = action.slice('transition:'.length);
    return program.manifest.procedure.transitions.find((t) => t.id === id)?.title ?? actionName(id);
  }
  return actionName(action);
}

const OPS: Record<string, string> = {
  add: '新增',
  replace: '修改',
  remove: '删除',
  move: '移动',
  copy: '复制',
};

export function opName(op: string): string {
  return OPS[op] ?? op;
}
