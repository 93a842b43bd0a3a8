// Bundles the `shenbao` command into apps/cli/dist so a command starts in plain Node instead of
// compiling TypeScript on every call. Run by bin/shenbao.mjs when the sources are newer than the
// bundle (first use on a fresh clone, after a pull), or by hand: `node apps/cli/scripts/build.mjs`.
// Packages with files beside their code (PGlite's wasm, argon2's native addon, pg, piscina's
// worker script) stay outside the bundle and are imported from where pnpm installed them, by a
// path relative to dist/.

import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(CLI, '..', '..');
export const DIST = join(CLI, 'dist');
export const BUNDLE = join(DIST, 'shenbao.mjs');

/** What the bundle is made of: newer than the bundle means rebuild. */
export const SOURCES = [
  join(CLI, 'src'),
  join(ROOT, 'packages', 'core', 'src'),
  join(ROOT, 'packages', 'docgen', 'src'),
  join(ROOT, 'packages', 'store', 'src'),
  join(CLI, 'scripts', 'build.mjs'),
  join(ROOT, 'pnpm-lock.yaml'),
];

const STORE_SRC = join(ROOT, 'packages', 'store', 'src');
/** Each package kept outside, with the folder of the package that depends on it. */
const OUTSIDE = {
  '@electric-sql/pglite': STORE_SRC,
  '@node-rs/argon2': STORE_SRC,
  pg: STORE_SRC,
  'pg-native': STORE_SRC,
  piscina: join(ROOT, 'packages', 'docgen', 'src'),
};

/** Newest modification time (ms) under the given files and folders. */
export function newestMtime(paths = SOURCES) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') visit(join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) visit(p);
  return newest;
}

const isChunk = (path) => /(^|[\\/])chunk-[^\\/]*\.mjs$/.test(path);

export function isStale() {
  try {
    return statSync(BUNDLE).mtimeMs < newestMtime();
  } catch {
    return true;
  }
}

/** @type {import('esbuild').Plugin} */
const outside = {
  name: 'shenbao-outside',
  setup(build) {
    const names = Object.keys(OUTSIDE);
    const filter = new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?$`);
    build.onResolve({ filter }, async (args) => {
      if (args.pluginData === 'outside') return undefined;
      const name = names.find((n) => args.path === n || args.path.startsWith(`${n}/`));
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: OUTSIDE[name],
        pluginData: 'outside',
      });
      // pg-native is optional (pg loads it inside a try): leave it bare.
      if (found.errors.length > 0) return { path: args.path, external: true };
      let path = relative(DIST, found.path).split(sep).join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return { path, external: true };
    });
  },
};

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: {
      shenbao: join(CLI, 'src', 'main.ts'),
      // docgen's RenderPool starts ./batch-worker.js beside the running module.
      'batch-worker': join(ROOT, 'packages', 'docgen', 'src', 'batch-worker.ts'),
    },
    outExtension: { '.js': '.mjs' },
    outdir: DIST,
    bundle: true,
    // The store (PGlite, argon2, pg) is imported only by the commands that use it: a chunk of its
    // own keeps them out of every other command's start-up.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    write: false,
    logLevel: 'warning',
    // Less to parse at every start; identifiers keep their names for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [outside],
    // CommonJS dependencies inside an ESM bundle still call require() for Node's modules.
    banner: {
      js: "import { createRequire as __shenbaoRequire } from 'node:module'; const require = __shenbaoRequire(import.meta.url);",
    },
  });
  mkdirSync(DIST, { recursive: true });
  // Two commands may build at once: each file lands whole (write aside, then rename), the chunks
  // before the entries that import them.
  const files = [...result.outputFiles].sort((a, b) => Number(!isChunk(a.path)) - Number(!isChunk(b.path)));
  const written = new Set();
  for (const file of files) {
    const out = file.path.endsWith('batch-worker.mjs') ? join(DIST, 'batch-worker.js') : file.path;
    const aside = `${out}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, out);
    written.add(out);
  }
  for (const name of readdirSync(DIST)) {
    if (isChunk(name) && !written.has(join(DIST, name))) rmSync(join(DIST, name), { force: true });
  }
  // The store finds its SQL migrations beside the running module.
  const migrations = join(DIST, 'migrations');
  rmSync(migrations, { recursive: true, force: true });
  cpSync(join(STORE_SRC, 'migrations'), migrations, { recursive: true });
  return BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
  console.log(`built ${relative(process.cwd(), BUNDLE)}`);
}
