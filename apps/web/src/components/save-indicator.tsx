import { useSyncExternalStore } from 'react';
import { type SaveState, saveStateText } from '../autosave';

/** The autosave state as a tiny observable, so only the indicator re-renders when it changes. */
export class SaveStatus {
  private listeners = new Set<() => void>();
  constructor(private state: SaveState) {}
  get = (): SaveState => this.state;
  set(next: SaveState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

/** The save state, for parts of the page that show more than the indicator (the offline banner). */
export function useSaveState(status: SaveStatus): SaveState {
  return useSyncExternalStore(status.subscribe, status.get, status.get);
}

/**
 * "已保存于 hh:mm:ss": a component of its own, so a save (which lands between keystrokes)
 * repaints this line and not the page around the form.
 */
export function SaveIndicator({ status, where }: { status: SaveStatus; where: 'server' | 'local' }) {
  const save = useSaveState(status);
  return (
    <span className="save-state" role="status" data-save-state={save.kind}>
      {saveStateText(save, where)}
    </span>
  );
}
