import type { LocalCopy } from '../storage/db';

/** Two JSON values equal whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export type Reconciled =
  /** The server's record is the truth (no local change, or the same data). */
  | { kind: 'server' }
  /** Only this browser changed since the version it was based on: send it. */
  | { kind: 'push' }
  /** Both changed since the local copy's base: the applicant chooses; neither is dropped. */
  | { kind: 'conflict' }
  /** This browser has changes the server can no longer take (submitted): kept for download. */
  | { kind: 'kept' };

/**
 * What to do when an application opens with a local copy from an earlier visit: the pure
 * decision, from the copy and the server's record (its version, data and whether it may change).
 */
export function reconcile(
  local: LocalCopy | undefined,
  server: { version: number; data: unknown },
  editable: boolean,
): Reconciled {
  if (!local || local.synced) return { kind: 'server' };
  if (sameJson(local.data, server.data)) return { kind: 'server' };
  if (!editable) return { kind: 'kept' };
  if (server.version === local.baseVersion) return { kind: 'push' };
  return { kind: 'conflict' };
}
