/** The application states of docs/api.md as applicants and staff read them. */
const STATE_NAMES: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
};

export function stateName(state: string): string {
  return STATE_NAMES[state] ?? state;
}

/** States a staff member can filter by (drafts are never shown to staff). */
export const STAFF_STATES = ['submitted', 'withdrawn'];

/** What an audit entry's action means, for the 办理记录 (unknown actions as recorded). */
const ACTION_NAMES: Record<string, string> = {
  create: '创建申报',
  save: '保存草稿',
  submit: '提交申报',
  withdraw: '撤回申报',
  'assign-reviewer': '分配评审专家',
};

export function actionName(action: string): string {
  return ACTION_NAMES[action] ?? action;
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
