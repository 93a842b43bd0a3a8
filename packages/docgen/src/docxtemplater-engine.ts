// Which way docgen drives docxtemplater. The fast path (compiled-template.ts) reuses a compiled
// instance through docxtemplater's private fields, so it is used only on the versions it was
// written and tested for; on any other, or with SHENBAO_DOCGEN_ENGINE=public, documents are made
// through the public API and a warning says so once. The version comes from the installed
// package.json (through createRequire, where Node offers it: the browser build cannot read it and
// takes the public API).

import type * as NodeModule from 'node:module';

/** docxtemplater versions whose internals the fast path was written against and tested with. */
export const FAST_PATH_VERSIONS: readonly string[] = ['3.71.0'];

/** `fast`: the compiled instance reused through a view; `public`: a fresh Docxtemplater per document. */
export type RenderEngine = 'fast' | 'public';

type Env = {
  process?: { env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown };
};

/** The installed docxtemplater's version from its package.json; undefined where it cannot be read (a browser). */
function installedVersion(): string | undefined {
  try {
    const mod = (globalThis as Env).process?.getBuiltinModule?.('node:module') as
      | typeof NodeModule
      | undefined;
    if (!mod) return undefined;
    const pkg = mod.createRequire(import.meta.url)('docxtemplater/package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

const INSTALLED_VERSION = installedVersion();
const FORCED_PUBLIC = (globalThis as Env).process?.env?.SHENBAO_DOCGEN_ENGINE === 'public';
const VERSION_SUPPORTED = INSTALLED_VERSION !== undefined && FAST_PATH_VERSIONS.includes(INSTALLED_VERSION);

/** Which engine renders by default, and why. */
export const docxtemplaterEngine: {
  readonly engine: RenderEngine;
  readonly installedVersion: string | undefined;
  readonly reason: 'supported-version' | 'forced' | 'unsupported-version';
} = {
  engine: VERSION_SUPPORTED && !FORCED_PUBLIC ? 'fast' : 'public',
  installedVersion: INSTALLED_VERSION,
  reason: FORCED_PUBLIC ? 'forced' : VERSION_SUPPORTED ? 'supported-version' : 'unsupported-version',
};

let warned = false;

/** Says once per process (or worker) that documents are made the slower, public way, and why. */
export function warnPublicEngine(): void {
  if (warned || docxtemplaterEngine.reason !== 'unsupported-version') return;
  warned = true;
  console.warn(
    `提示：已安装的 docxtemplater 版本（${INSTALLED_VERSION ?? '无法读取'}）不在快速生成路径适用的版本` +
      `（${FAST_PATH_VERSIONS.join('、')}）之列，改用 docxtemplater 的公开接口逐份生成文书：结果相同，速度较慢。` +
      '核对新版本后把它加入 packages/docgen/src/docxtemplater-engine.ts 的 FAST_PATH_VERSIONS。',
  );
}
