// The WordprocessingML schema validation behind ooxml-check.ts: Debian's xmllint (libxml2-utils),
// spawned once for all the parts of a package. Chosen over the xmllint-wasm npm build after measuring
// the 申请书's word/document.xml on this 2-core machine: xmllint 0.26–0.38 s for the whole package
// (schema compile included), xmllint-wasm 2.6 s for document.xml alone (a worker and the wasm module
// per call); and the native library gets Debian's security updates.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SchemaError, SchemaValidator } from './ooxml-check.js';

/** The schema that holds Word's order of run properties (a copy of wml.xsd, see the folder's README). */
export const OOXML_SCHEMA_FILE = 'wml-wordorder.xsd';

/**
 * Where the ISO/IEC 29500 schemas are: the option, else SHENBAO_OOXML_XSD, else `../shared/data/ooxml-xsd`
 * beside the repository (SHENBAO_SHARED_DATA overrides `../shared/data`); undefined when none exists.
 */
export function findOoxmlXsd(option: string | undefined, root: string): string | undefined {
  const shared = process.env.SHENBAO_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
  const candidates = option
    ? [resolve(option)]
    : [process.env.SHENBAO_OOXML_XSD, join(shared, 'ooxml-xsd')].filter((c): c is string => !!c);
  return candidates.find((dir) => existsSync(join(dir, OOXML_SCHEMA_FILE)));
}

let xmllintPresent: boolean | undefined;
export function hasXmllint(): boolean {
  xmllintPresent ??= spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
  return xmllintPresent;
}

const NAMESPACE_PREFIXES: [string, string][] = [
  ['{http://schemas.openxmlformats.org/wordprocessingml/2006/main}', 'w:'],
  ['{http://schemas.openxmlformats.org/officeDocument/2006/relationships}', 'r:'],
  ['{http://schemas.openxmlformats.org/drawingml/2006/main}', 'a:'],
  ['{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}', 'wp:'],
  ['{http://schemas.openxmlformats.org/officeDocument/2006/math}', 'm:'],
];

function shorten(message: string): string {
  let out = message;
  for (const [uri, prefix] of NAMESPACE_PREFIXES) out = out.split(uri).join(prefix);
  return out.trim();
}

/** xmllint's lines `file:line: element x: Schemas validity error : …` as findings per part. */
export function parseXmllintOutput(output: string, fileToPart: ReadonlyMap<string, string>): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.*?):(\d+): (.*)$/.exec(line);
    if (!m) continue;
    const part = fileToPart.get(m[1]!);
    if (!part) continue; // the schema files' own parser warnings
    const body = m[3]!
      .replace(/^element ([^:]+): Schemas validity error : /, '')
      .replace(/^.*?parser error : /, '');
    errors.push({ part, line: Number(m[2]), message: shorten(body) });
  }
  // A part xmllint failed without a located line (it says "fails to validate").
  for (const [file, part] of fileToPart)
    if (output.includes(`${file} fails to validate`) && !errors.some((e) => e.part === part))
      errors.push({ part, message: 'xmllint 校验失败' });
  return errors;
}

/** A validator for checkOoxml; undefined (with the reason, in Chinese) when it cannot run here. */
export function xmllintValidator(xsdDir: string | undefined): {
  validate?: SchemaValidator;
  skipped?: string;
} {
  if (!xsdDir)
    return {
      skipped:
        '找不到 OOXML 架构文件夹（--xsd、环境变量 SHENBAO_OOXML_XSD 或仓库旁的 ../shared/data/ooxml-xsd），已跳过架构校验',
    };
  if (!hasXmllint())
    return { skipped: '未安装 xmllint（Debian：libxml2-utils，见 scripts/system-deps.sh），已跳过架构校验' };
  const schema = join(xsdDir, OOXML_SCHEMA_FILE);
  const validate: SchemaValidator = async (parts) => {
    if (parts.length === 0) return [];
    const dir = mkdtempSync(join(tmpdir(), 'shenbao-ooxml-'));
    try {
      const fileToPart = new Map<string, string>();
      parts.forEach((p, i) => {
        const file = join(dir, `${i}.xml`);
        writeFileSync(file, p.xml);
        fileToPart.set(file, p.part);
      });
      const output = await new Promise<string>((resolveOutput, reject) => {
        const child = spawn('xmllint', ['--noout', '--nonet', '--schema', schema, ...fileToPart.keys()], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          err += d;
        });
        child.on('error', reject);
        child.on('close', (code) => {
          // 0 valid, 3 or 4 invalid documents; anything else is xmllint failing (schema unreadable…).
          if (code === 0 || code === 3 || code === 4) resolveOutput(err);
          else reject(new Error(`xmllint exited with ${code}: ${err.slice(0, 500)}`));
        });
      });
      return parseXmllintOutput(output, fileToPart);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { validate };
}
