/** Configuration from the environment, programme loading, and the receipt's canonical JSON. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json';
import { ConfigError, loadConfig, REPO_ROOT } from '../src/config';
import { displayTimeZone, loadPrograms } from '../src/program-registry';

const tmp = mkdtempSync(join(tmpdir(), 'shenbao-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const dataDir = (name: string) => join(tmp, name);
const MINI_ROOT = join(REPO_ROOT, 'test', 'fixtures', 'programs');

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ SHENBAO_DATA_DIR: dataDir('defaults') });
    expect(c).toMatchObject({
      port: 5173,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: dataDir('defaults'),
      demo: false,
      production: false,
      trustProxy: false,
      logLevel: 'info',
      sessionTtlMs: 8 * 3_600_000,
      schedulerMs: 60_000,
      login: { maxFailures: 5, lockMinutes: 15, perAddressPerMinute: 20 },
    });
    expect(c.programDirs).toEqual([join(REPO_ROOT, 'schemas', 'ai-innovation-center')]);
  });

  it('the data folder defaults to <repo>/.shenbao-data', () => {
    const repo = dataDir('repo');
    mkdirSync(repo);
    const c = loadConfig({ SHENBAO_PROGRAMS: join(REPO_ROOT, 'schemas', 'ai-innovation-center') }, repo);
    expect(c.dataDir).toBe(join(repo, '.shenbao-data'));
  });

  it('outside production a secret is generated once, kept in the data folder (mode 600) and reused', () => {
    const dir = dataDir('secret');
    const first = loadConfig({ SHENBAO_DATA_DIR: dir });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first.secret);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ SHENBAO_DATA_DIR: dir }).secret).toBe(first.secret);
  });

  it('production requires SHENBAO_SECRET of at least 32 characters and refuses demo accounts', () => {
    const dir = dataDir('prod');
    expect(() => loadConfig({ SHENBAO_DATA_DIR: dir, NODE_ENV: 'production' })).toThrow(
      /生产环境（NODE_ENV=production）必须设置 SHENBAO_SECRET/,
    );
    expect(() => loadConfig({ SHENBAO_DATA_DIR: dir, SHENBAO_SECRET: 'short' })).toThrow(
      'SHENBAO_SECRET 太短：至少需要 32 个字符',
    );
    const secret = 'x'.repeat(32);
    const prod = loadConfig({ SHENBAO_DATA_DIR: dir, NODE_ENV: 'production', SHENBAO_SECRET: secret });
    expect(prod).toMatchObject({ production: true, secret });
    expect(() =>
      loadConfig({
        SHENBAO_DATA_DIR: dir,
        NODE_ENV: 'production',
        SHENBAO_SECRET: secret,
        SHENBAO_DEMO: '1',
      }),
    ).toThrow('生产环境（NODE_ENV=production）不能创建演示账号：请去掉 SHENBAO_DEMO 设置');
    expect(loadConfig({ SHENBAO_DATA_DIR: dir, SHENBAO_DEMO: 'true' }).demo).toBe(true);
  });

  it.each([
    ['PORT', 'abc', 'PORT 的值“abc”无效：应为 0 至 65535 之间的整数'],
    ['PORT', '70000', 'PORT 的值“70000”无效：应为 0 至 65535 之间的整数'],
    ['SESSION_TTL_HOURS', '0', 'SESSION_TTL_HOURS 的值“0”无效：应为 1 至 720 之间的整数'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL 的值“loud”无效'],
  ])('a wrong %s=%s is refused naming the variable', (name, value, message) => {
    const e = (() => {
      try {
        loadConfig({ SHENBAO_DATA_DIR: dataDir('bad'), [name]: value });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toContain(message);
  });

  it('reads PORT, HOST, DATABASE_URL, SESSION_TTL_HOURS and LOG_LEVEL', () => {
    const c = loadConfig({
      SHENBAO_DATA_DIR: dataDir('set'),
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/shenbao',
      SESSION_TTL_HOURS: '2',
      SHENBAO_SCHEDULER_MS: '5000',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/shenbao',
      sessionTtlMs: 2 * 3_600_000,
      schedulerMs: 5000,
      logLevel: 'warn',
    });
  });

  it('TRUST_PROXY: off, all, a hop count, or a list of addresses', () => {
    const t = (v: string) => loadConfig({ SHENBAO_DATA_DIR: dataDir('proxy'), TRUST_PROXY: v }).trustProxy;
    expect(t('false')).toBe(false);
    expect(t('true')).toBe(true);
    expect(t('10.0.0.1, 192.168.0.0/16')).toEqual(['10.0.0.1', '192.168.0.0/16']);
    const hops = t('1') as (a: string, hop: number) => boolean;
    expect([hops('10.0.0.1', 0), hops('10.0.0.2', 1)]).toEqual([true, false]);
  });

  it('SHENBAO_PROGRAMS takes programme folders and roots; an entry without programmes is refused', () => {
    const c = loadConfig({
      SHENBAO_DATA_DIR: dataDir('programs'),
      SHENBAO_PROGRAMS: `${REPO_ROOT}, ${MINI_ROOT}`,
    });
    // A root gives every folder of its schemas/ that holds a program.json (the test root has several).
    const testProgrammes = readdirSync(join(MINI_ROOT, 'schemas'))
      .filter((d) => existsSync(join(MINI_ROOT, 'schemas', d, 'program.json')))
      .sort();
    expect(testProgrammes).toContain('mini-grant');
    expect(c.programDirs).toEqual([
      join(REPO_ROOT, 'schemas', 'ai-innovation-center'),
      ...testProgrammes.map((d) => join(MINI_ROOT, 'schemas', d)),
    ]);
    expect(() => loadConfig({ SHENBAO_DATA_DIR: dataDir('programs'), SHENBAO_PROGRAMS: tmp })).toThrow(
      /SHENBAO_PROGRAMS（.*）中没有找到项目/,
    );
  });

  it('SHENBAO_WEB_DIST must hold a built portal', () => {
    const dist = dataDir('dist');
    mkdirSync(dist);
    expect(() => loadConfig({ SHENBAO_DATA_DIR: dataDir('web'), SHENBAO_WEB_DIST: dist })).toThrow(
      /没有 index.html/,
    );
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    expect(loadConfig({ SHENBAO_DATA_DIR: dataDir('web'), SHENBAO_WEB_DIST: dist }).webDist).toBe(dist);
  });
});

describe('loadPrograms', () => {
  it('loads every configured programme by id, and the first one gives the display time zone', () => {
    const programs = loadPrograms([
      join(REPO_ROOT, 'schemas', 'ai-innovation-center'),
      join(MINI_ROOT, 'schemas', 'mini-grant'),
    ]);
    expect([...programs.keys()]).toEqual(['ai-innovation-center', 'mini-grant']);
    expect(programs.get('mini-grant')?.files.has('program.json')).toBe(true);
    expect(displayTimeZone(programs)).toBe('Asia/Shanghai');
  });

  it('refuses the same programme twice, naming both folders', () => {
    const dir = join(REPO_ROOT, 'schemas', 'ai-innovation-center');
    expect(() => loadPrograms([dir, dir])).toThrow(`项目 ai-innovation-center 出现了两次：${dir} 与 ${dir}`);
  });
});

describe('canonicalJson', () => {
  it('orders keys at every depth, so equal data gives equal text whatever the key order', () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 2 }], c: null } };
    const b = { a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson('文本')).toBe('"文本"');
  });
});
