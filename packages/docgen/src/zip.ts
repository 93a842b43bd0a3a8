// A minimal zip reader and writer for .docx packages. It exists so that a render re-deflates
// only the parts its tags changed and copies every other entry's compressed bytes as they
// are; it also checks a package before anything is inflated (templates may be uploaded).

import { FORBIDDEN_KEYS } from '@shenbao/core';
import { crc32, deflateRaw, inflateRaw } from './deflate.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  size: number;
  /** The entry's data exactly as stored in the archive. */
  compressed: Uint8Array;
  dosTime: number;
  dosDate: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxTotalSize: number;
  maxEntrySize: number;
  /** Largest size/compressed ratio accepted for entries over 1 MiB (zip bombs). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalSize: 100 * 1024 * 1024,
  maxEntrySize: 50 * 1024 * 1024,
  maxRatio: 200,
};

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function checkName(name: string, seen: Set<string>): void {
  const segments = name.split('/');
  if (
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    segments.some((s) => s === '..' || FORBIDDEN_KEYS.has(s))
  ) {
    throw new ZipFormatError(`压缩包内文件名不安全：${name}`);
  }
  if (seen.has(name)) throw new ZipFormatError(`压缩包内文件名重复：${name}`);
  seen.add(name);
}

export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('不是有效的 .docx（zip）文件');
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('不支持 ZIP64 文件');
  if (count > limits.maxEntries)
    throw new ZipFormatError(`压缩包文件数 ${count} 超过上限 ${limits.maxEntries}`);
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      throw new ZipFormatError('zip 中央目录损坏');
    }
    const method = view.getUint16(p + 10, true);
    const dosTime = view.getUint16(p + 12, true);
    const dosDate = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    const csize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    checkName(name, seen);
    if (method !== 0 && method !== 8) throw new ZipFormatError(`不支持的压缩方式 ${method}：${name}`);
    if (size > limits.maxEntrySize) throw new ZipFormatError(`文件过大：${name}`);
    total += size;
    if (total > limits.maxTotalSize) throw new ZipFormatError('压缩包解压后总大小超过上限');
    if (size > 1024 * 1024 && size / Math.max(csize, 1) > limits.maxRatio) {
      throw new ZipFormatError(`压缩比异常（疑似压缩炸弹）：${name}`);
    }
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      throw new ZipFormatError(`zip 本地文件头损坏：${name}`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + csize > bytes.length) throw new ZipFormatError(`zip 数据被截断：${name}`);
    entries.push({
      name,
      method,
      crc32: crc,
      size,
      compressed: bytes.subarray(start, start + csize),
      dosTime,
      dosDate,
    });
  }
  return entries;
}

export function entryData(entry: ZipEntry): Uint8Array {
  return entry.method === 0 ? entry.compressed : inflateRaw(entry.compressed, entry.size);
}

export function deflatedEntry(name: string, data: Uint8Array, level: number, like?: ZipEntry): ZipEntry {
  return {
    name,
    method: 8,
    crc32: crc32(data),
    size: data.length,
    compressed: deflateRaw(data, level),
    dosTime: like?.dosTime ?? 0,
    dosDate: like?.dosDate ?? 0x21, // 1980-01-01
  };
}

const encoder = new TextEncoder();

export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const names = entries.map((e) => encoder.encode(e.name));
  let size = 22;
  for (let i = 0; i < entries.length; i++)
    size += 30 + 46 + 2 * names[i]!.length + entries[i]!.compressed.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  const header = (e: ZipEntry, name: Uint8Array, at: number) => {
    const flags = /[^\x20-\x7e]/.test(e.name) ? 0x0800 : 0; // bit 11: UTF-8 names
    view.setUint16(at, 20, true); // version needed
    view.setUint16(at + 2, flags, true);
    view.setUint16(at + 4, e.method, true);
    view.setUint16(at + 6, e.dosTime, true);
    view.setUint16(at + 8, e.dosDate, true);
    view.setUint32(at + 10, e.crc32, true);
    view.setUint32(at + 14, e.compressed.length, true);
    view.setUint32(at + 18, e.size, true);
    view.setUint16(at + 22, name.length, true);
    view.setUint16(at + 24, 0, true); // extra length
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const name = names[i]!;
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    header(e, name, p + 4);
    out.set(name, p + 30);
    out.set(e.compressed, p + 30 + name.length);
    p += 30 + name.length + e.compressed.length;
  }
  const cdStart = p;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const name = names[i]!;
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true); // version made by
    header(e, name, p + 6);
    // comment length, disk, internal and external attributes stay 0
    view.setUint32(p + 42, offsets[i]!, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  }
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - cdStart, true);
  view.setUint32(p + 16, cdStart, true);
  return out.subarray(0, p + 22);
}
