import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type StaticServer, serveStatic } from '../../../apps/web/static-server';
import { launchChromium } from '../../support/chromium';
import { ROOT } from '../../support/programs';

export const WEB = join(ROOT, 'apps', 'web');
export const DIST = join(WEB, 'dist');

/**
 * Builds the portal once (production build, as users get it), into apps/web/dist or, so that
 * test files running side by side do not empty each other's build, into a folder of its own.
 */
export function buildPortal(outDir = DIST): void {
  const vite = join(WEB, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: WEB,
    encoding: 'utf8',
    // vitest sets NODE_ENV=test, which would give React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** apps/web/dist on a free localhost port. */
export function serveDist(dir = DIST): Promise<StaticServer> {
  return serveStatic(dir);
}

export interface Portal {
  /** Where the build is served, e.g. `http://localhost:41234/`. */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A test file's own portal: a production build in `outDir`, served on localhost, and Chromium. */
export async function startPortal(outDir: string): Promise<Portal> {
  buildPortal(outDir);
  const server = await serveDist(outDir);
  const browser = await launchChromium();
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
