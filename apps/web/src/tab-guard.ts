/**
 * Warns when another tab edits the same draft: each tab announces itself on a
 * BroadcastChannel and answers others' announcements; a save by another tab is reported too.
 */
export function watchOtherTabs(
  draftKey: string,
  onOther: (kind: 'open' | 'saved') => void,
): {
  announceSave: () => void;
  stop: () => void;
} {
  if (typeof BroadcastChannel === 'undefined') return { announceSave: () => {}, stop: () => {} };
  const tab = Math.random().toString(36).slice(2);
  const channel = new BroadcastChannel('shenbao-drafts');
  channel.onmessage = (e: MessageEvent<{ type: string; key: string; tab: string }>) => {
    const m = e.data;
    if (!m || m.key !== draftKey || m.tab === tab) return;
    if (m.type === 'hello') {
      channel.postMessage({ type: 'here', key: draftKey, tab });
      onOther('open');
    } else if (m.type === 'here') onOther('open');
    else if (m.type === 'saved') onOther('saved');
  };
  channel.postMessage({ type: 'hello', key: draftKey, tab });
  // A save finishing after the page left the form (its last flush) has no one to tell.
  let closed = false;
  return {
    announceSave: () => {
      if (!closed) channel.postMessage({ type: 'saved', key: draftKey, tab });
    },
    stop: () => {
      closed = true;
      channel.close();
    },
  };
}
