#!/usr/bin/env node
// The `shenbao` command: runs the bundle in apps/cli/dist (plain Node, no TypeScript loader),
// rebuilding it first when a source is newer (a fresh clone, a pull, an edit). Where the bundle
// cannot be built (esbuild missing), it runs the sources through tsx as development does.

import { BUNDLE, build, isStale } from '../scripts/build.mjs';

let entry = BUNDLE;
if (process.env.SHENBAO_CLI_SOURCE === '1') entry = undefined;
else if (isStale()) {
  try {
    await build();
  } catch (e) {
    process.stderr.write(
      `shenbao: 无法构建命令行，改用源码运行 / cannot build the CLI, running the sources: ${e}\n`,
    );
    entry = undefined;
  }
}
if (entry) await import(new URL(`file://${entry}`).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
