// A LibreOffice kept running between PDFs: a cold `soffice --convert-to` spends seconds starting
// for a conversion that takes a fraction of one. One soffice listens on a named pipe (local to
// this machine, no port), a small python3-uno bridge (uno-bridge.ts) starts and drives it, one job
// at a time; the office is soffice.bin itself, one process that dies with the bridge.
// A crashed or killed office is replaced and the job retried; the converter stops when idle and
// when this process exits. Where python3-uno is missing the caller falls back to the cold path.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { DocgenError } from './errors.js';
import { PDF_FILTER_DATA, UNO_BRIDGE } from './uno-bridge.js';

/** Python with Debian's python3-uno (the system one; a pyenv or venv python lacks `uno`). */
export function findUnoPython(): string | undefined {
  const fromEnv = process.env.SHENBAO_UNO_PYTHON;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const uno = ['/usr/lib/python3/dist-packages/uno.py'];
  if (!uno.some((p) => existsSync(p))) return undefined;
  return ['/usr/bin/python3', '/bin/python3'].find((p) => existsSync(p));
}

interface Reply {
  id?: number;
  ready?: boolean;
  pid?: number;
  ok?: boolean;
  error?: string;
  fatal?: boolean;
  loadMs?: number;
  exportMs?: number;
}

interface Running {
  /** The office (soffice.bin), a child of the bridge. */
  officePid?: number;
  bridge: ChildProcess;
  profile: string;
  ready: Promise<void>;
  /** Set when either process has gone: the pair is not reused. */
  dead: boolean;
  waiting: Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>;
}

export interface WarmConverterOptions {
  soffice: string;
  python: string;
  fontsConf?: string;
  /** Stop the office after this long without a job (SHENBAO_PDF_IDLE_MS, default 2 minutes). */
  idleMs?: number;
}

/** Raised when the warm path cannot start at all (the caller then converts cold). */
export class WarmUnavailableError extends DocgenError {
  override name = 'WarmUnavailableError';
}

const live = new Set<WarmPdfConverter>();
let exitHookInstalled = false;

function kill(child: ChildProcess | undefined): void {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
}

function killPid(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * The office program and the environment its start script would give it. The script (soffice →
 * oosplash → soffice.bin) makes three processes, and only the first would die with the bridge.
 */
function officeCommand(soffice: string): { program: string; env: NodeJS.ProcessEnv } {
  let program = soffice;
  try {
    const bin = join(dirname(realpathSync(soffice)), 'soffice.bin');
    if (existsSync(bin)) program = bin;
  } catch {
    // keep the script
  }
  if (program === soffice) return { program, env: {} };
  return {
    program,
    env: { LO_SAVE_LC_ALL: process.env.LC_ALL ?? '', LC_ALL: 'C', SAL_ENABLE_FILE_LOCKING: '1' },
  };
}

export class WarmPdfConverter {
  private running: Running | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private pending = 0;
  /** Offices started so far (1 + restarts); for tests and the benchmark. */
  starts = 0;
  /** Where the last conversion spent its time inside LibreOffice (benchmark). */
  lastTimings: { loadMs: number; exportMs: number } | undefined;

  constructor(private readonly options: WarmConverterOptions) {
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => {
        for (const c of live) c.stopNow();
      });
    }
  }

  /** Process id of the running office (soffice.bin), if one is up. */
  get officePid(): number | undefined {
    return this.running && !this.running.dead ? this.running.officePid : undefined;
  }

  /** Converts one .docx (or any document LibreOffice opens) to a PDF file; jobs run one at a time. */
  convert(input: string, output: string, timeoutMs = 120_000): Promise<void> {
    const job = this.queue.then(() => this.convertWithRetry(input, output, timeoutMs));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async convertWithRetry(input: string, output: string, timeoutMs: number): Promise<void> {
    this.pending++;
    this.hold();
    try {
      try {
        await this.convertOnce(input, output, timeoutMs);
      } catch (e) {
        if (e instanceof WarmUnavailableError) throw e;
        // A crash (or a hung office) is not the document's fault: a fresh office gets one more try.
        if (this.running?.dead !== false) {
          this.stopNow();
          await this.convertOnce(input, output, timeoutMs);
        } else throw e;
      }
    } finally {
      this.pending--;
      this.release();
    }
  }

  private async convertOnce(input: string, output: string, timeoutMs: number): Promise<void> {
    const running = this.running && !this.running.dead ? this.running : this.start();
    await running.ready;
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        running.waiting.delete(id);
        running.dead = true; // a hung office is treated like a crashed one
        killPid(running.officePid);
        kill(running.bridge);
        reject(new DocgenError(`LibreOffice 转换超时（${timeoutMs} ms）`));
      }, timeoutMs);
      running.waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      running.bridge.stdin?.write(
        `${JSON.stringify({
          id,
          input: pathToFileURL(input).href,
          output: pathToFileURL(output).href,
          filterData: PDF_FILTER_DATA,
        })}\n`,
      );
    });
    if (!reply.ok) {
      if (reply.fatal) running.dead = true;
      throw new DocgenError(`LibreOffice 转换失败：${reply.error ?? ''}`);
    }
    this.lastTimings = { loadMs: reply.loadMs ?? 0, exportMs: reply.exportMs ?? 0 };
  }

  private start(): Running {
    this.starts++;
    const name = `shenbao-${process.pid}-${Date.now().toString(36)}-${this.starts}`;
    const url = `uno:pipe,name=${name};urp;StarOffice.ComponentContext`;
    const running = { dead: false, waiting: new Map() } as unknown as Running;
    running.ready = (async () => {
      running.profile = await mkdtemp(join(tmpdir(), 'shenbao-lo-warm-'));
      const office = officeCommand(this.options.soffice);
      const env: NodeJS.ProcessEnv = { ...process.env, ...office.env, HOME: running.profile };
      const fontsConf = this.options.fontsConf;
      if (fontsConf && existsSync(fontsConf)) env.FONTCONFIG_FILE = fontsConf;
      const officeArgv = [
        office.program,
        `-env:UserInstallation=${pathToFileURL(join(running.profile, 'profile')).href}`,
        '--headless',
        '--invisible',
        '--norestore',
        '--nologo',
        '--nodefault',
        '--nolockcheck',
        `--accept=pipe,name=${name};urp;StarOffice.ComponentContext`,
      ];
      const bridge = spawn(this.options.python, ['-c', UNO_BRIDGE, url, JSON.stringify(officeArgv)], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      running.bridge = bridge;
      let stderr = '';
      bridge.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-2000);
      });
      const gone = () => {
        running.dead = true;
        const error = new DocgenError(`LibreOffice 转换进程已退出：${stderr.trim().split('\n').pop() ?? ''}`);
        for (const w of running.waiting.values()) w.reject(error);
        running.waiting.clear();
        killPid(running.officePid);
      };
      bridge.on('error', gone);
      await new Promise<void>((resolve, reject) => {
        bridge.on('exit', (code) => {
          gone();
          reject(
            new WarmUnavailableError(`UNO 桥未能启动（${code}）：${stderr.trim().split('\n').pop() ?? ''}`),
          );
        });
        createInterface({ input: bridge.stdout! }).on('line', (line) => {
          let reply: Reply;
          try {
            reply = JSON.parse(line) as Reply;
          } catch {
            return; // LibreOffice may print to the bridge's stdout; only our JSON lines count
          }
          if (reply.ready !== undefined) {
            if (reply.ready) {
              running.officePid = reply.pid;
              resolve();
            } else reject(new WarmUnavailableError(`UNO 桥未能连接 LibreOffice：${reply.error ?? ''}`));
            return;
          }
          const w = reply.id === undefined ? undefined : running.waiting.get(reply.id);
          if (w && reply.id !== undefined) {
            running.waiting.delete(reply.id);
            w.resolve(reply);
          }
        });
      });
    })();
    // A start that fails leaves nothing behind.
    running.ready.catch(() => this.stopRunning(running));
    this.running = running;
    return running;
  }

  /** Keeps the Node process alive while a job runs; lets it exit while the office idles. */
  private hold(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.setRef(true);
  }

  private release(): void {
    if (this.pending > 0) return;
    this.setRef(false);
    const idleMs = this.options.idleMs ?? (Number(process.env.SHENBAO_PDF_IDLE_MS) || 120_000);
    this.idleTimer = setTimeout(() => this.stopNow(), idleMs);
    this.idleTimer.unref();
  }

  private setRef(on: boolean): void {
    const r = this.running;
    if (!r) return;
    for (const handle of [r.bridge, r.bridge?.stdin, r.bridge?.stdout, r.bridge?.stderr]) {
      const h = handle as { ref?: () => void; unref?: () => void } | null | undefined;
      if (on) h?.ref?.();
      else h?.unref?.();
    }
  }

  private stopRunning(running: Running): void {
    running.dead = true;
    running.bridge?.stdin?.end();
    kill(running.bridge); // the office dies with it (PR_SET_PDEATHSIG); killed here too, to be sure
    killPid(running.officePid);
    // Synchronous: this also runs in the process's 'exit' hook.
    if (running.profile) rmSync(running.profile, { recursive: true, force: true });
    if (this.running === running) this.running = undefined;
  }

  /** Stops the office now (idle, exit, or a test). A later job starts a new one. */
  stopNow(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.running) this.stopRunning(this.running);
  }

  /** Stops the office and forgets this converter. */
  dispose(): void {
    this.stopNow();
    live.delete(this);
  }
}
