import { and, isObjectArrayControl, type OwnPropsOfRenderer, rankWith, schemaMatches } from '@jsonforms/core';
import { mediaTypeName, attachmentLimits as schemaAttachmentLimits } from '@shenbao/core';
import { type DragEvent, useCallback, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { FileRefusedError, useFormContext } from '../context';
import { useVisibleErrors } from '../hooks';
import { childPointer, fieldId } from '../pointer';
import { deref, enumOptions, isNode, type Option, propertiesOf, type SchemaNode } from '../schema';
import type { RemovedRow } from '../store/form-store';
import { sizeText } from '../values';
import { useControl } from './use-control';

const EXTENSIONS: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
};

export interface AttachmentLimits {
  types: string[] | undefined;
  maxSize: number | undefined;
  categories: Option[] | undefined;
}

/** Type and size limits from the schema (core: the numbers the server enforces), plus the categories. */
export function attachmentLimits(root: SchemaNode, items: SchemaNode): AttachmentLimits {
  const props = propertiesOf(root, items);
  return {
    ...schemaAttachmentLimits(root, items),
    categories: props.category ? enumOptions(root, props.category) : undefined,
  };
}

export function mediaTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSIONS[ext] ?? 'application/octet-stream';
}

/** Why a file is refused, in Chinese; undefined when it is accepted. */
export function refusal(
  file: { name: string; size: number; type: string },
  limits: AttachmentLimits,
): string | undefined {
  const type = mediaTypeOf(file);
  if (limits.types && !limits.types.includes(type))
    return `“${file.name}”的文件类型不在允许范围内（仅限 ${limits.types.map((t) => mediaTypeName(t)).join('、')}）`;
  if (limits.maxSize !== undefined && file.size > limits.maxSize)
    return `“${file.name}”大小为 ${sizeText(file.size)}，超过上限 ${sizeText(limits.maxSize)}`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  return undefined;
}

/** Reads a file with progress, then its SHA-256 (SubtleCrypto). */
export async function digestFile(file: Blob, onProgress: (fraction: number) => void): Promise<string> {
  const reader = file.stream().getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    read += value.byteLength;
    onProgress(file.size > 0 ? (read / file.size) * 0.9 : 0.9);
  }
  const all = new Uint8Array(read);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  const hash = await crypto.subtle.digest('SHA-256', all);
  onProgress(1);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Pending {
  id: number;
  name: string;
  progress: number;
  error?: string;
}

interface Row {
  category?: string;
  name?: string;
  size?: number;
  sha256?: string;
  mediaType?: string;
}

let pendingSeq = 0;

function CategoryCell({ pointer, options, n }: { pointer: string; options: Option[]; n: number }) {
  const { store } = useFormContext();
  const sub = useCallback((l: () => void) => store.subscribe(pointer, l), [store, pointer]);
  const get = useCallback(() => store.get(pointer), [store, pointer]);
  const value = useSyncExternalStore(sub, get, get);
  const errors = useVisibleErrors(pointer);
  const errId = `${fieldId(pointer)}-err`;
  return (
    <>
      <select
        className="sb-input"
        value={typeof value === 'string' ? value : ''}
        data-path={pointer}
        aria-label={`第${n}个附件的材料类别`}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={errors.length > 0 ? errId : undefined}
        onChange={(e) => {
          store.set(pointer, e.target.value || undefined);
          store.touch(pointer);
        }}
      >
        <option value="">请选择</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errors.length > 0 && (
        <div className="sb-cell-error" id={errId}>
          {errors.join('；')}
        </div>
      )}
    </>
  );
}

/**
 * Evidence files: drag and drop or pick, type and size limits from the schema, name, size
 * and SHA-256 recorded in the form, the bytes kept by the host's file store (IndexedDB).
 */
export function AttachmentControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const { store, schema: root, files } = useFormContext();
  const items = isNode(c.schema.items) ? deref(root, c.schema.items) : {};
  const limits = useMemo(() => attachmentLimits(root, items), [root, items]);
  const sub = useCallback((l: () => void) => store.subscribe(c.pointer, l), [store, c.pointer]);
  const get = useCallback(() => store.get(c.pointer), [store, c.pointer]);
  const value = useSyncExternalStore(sub, get, get);
  const rows = (Array.isArray(value) ? value : []) as Row[];
  const keys = store.rowKeys(c.pointer);
  const [category, setCategory] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const [dragging, setDragging] = useState(false);
  const [removed, setRemoved] = useState<RemovedRow | null>(null);
  const inputId = useId();
  const categoryLabel = (v: string | undefined) =>
    limits.categories?.find((o) => o.value === v)?.label ?? v ?? '';

  const accept = async (list: FileList | File[]): Promise<void> => {
    for (const file of Array.from(list)) {
      const id = ++pendingSeq;
      const no = refusal(file, limits);
      setPending((p) => [...p, { id, name: file.name, progress: 0, error: no }]);
      if (no) continue;
      try {
        const sha256 = await digestFile(file, (f) =>
          setPending((p) => p.map((x) => (x.id === id ? { ...x, progress: f } : x))),
        );
        const mediaType = mediaTypeOf(file);
        await files.put(sha256, file, { name: file.name, type: mediaType });
        const row: Row = { name: file.name, size: file.size, sha256, mediaType };
        if (category) row.category = category;
        const at = Array.isArray(store.get(c.pointer)) ? (store.get(c.pointer) as unknown[]).length : 0;
        store.insertRow(c.pointer, at, row);
        store.touch(childPointer(childPointer(c.pointer, at), 'category'));
        setPending((p) => p.filter((x) => x.id !== id));
      } catch (e) {
        setPending((p) =>
          p.map((x) =>
            x.id === id
              ? {
                  ...x,
                  error:
                    e instanceof FileRefusedError
                      ? `“${file.name}”未能上传：${e.message}`
                      : `“${file.name}”读取失败：${(e as Error).message}`,
                }
              : x,
          ),
        );
      }
    }
  };

  const download = async (row: Row): Promise<void> => {
    if (!row.sha256) return;
    const blob = await files.get(row.sha256);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = row.name ?? 'attachment';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    if (!c.readonly && e.dataTransfer.files.length > 0) void accept(e.dataTransfer.files);
  };

  const typesText = limits.types?.map((t) => mediaTypeName(t)).join('、');
  return (
    <section className="sb-array" id={c.id} data-array-path={c.pointer} aria-labelledby={`${c.id}-title`}>
      <header className="sb-array-head">
        <h3 id={`${c.id}-title`}>{c.label}</h3>
        <span className="sb-count" aria-live="polite">
          共 {rows.length} 个文件
        </span>
      </header>
      {c.description && <p className="sb-desc">{c.description}</p>}
      {!c.readonly && (
        <div className="sb-upload">
          {limits.categories && (
            <label className="sb-upload-cat">
              上传为
              <select
                className="sb-input"
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                data-upload-category=""
              >
                <option value="">（稍后选择类别）</option>
                {limits.categories.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the accessible way */}
          <div
            className={`sb-drop${dragging ? ' sb-drop-over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <label htmlFor={inputId}>
              <strong>选择文件</strong> 或将文件拖放到此处
            </label>
            <input
              id={inputId}
              type="file"
              multiple
              accept={limits.types?.join(',')}
              onChange={(e) => {
                if (e.target.files) void accept(e.target.files);
                e.target.value = '';
              }}
            />
            <div className="sb-desc">
              {typesText ? `支持 ${typesText}` : ''}
              {limits.maxSize !== undefined ? `，单个文件不超过 ${sizeText(limits.maxSize)}` : ''}。
              {files.where ?? '文件保存在本机浏览器中'}。
            </div>
          </div>
        </div>
      )}
      {pending.map((p) => (
        <div
          key={p.id}
          className={p.error ? 'sb-cell-error' : 'sb-progress'}
          role={p.error ? 'alert' : 'status'}
        >
          {p.error ?? (
            <>
              正在处理“{p.name}”… <progress max={1} value={p.progress} aria-label={`“${p.name}”处理进度`} />
            </>
          )}
          {p.error && (
            <button type="button" onClick={() => setPending((list) => list.filter((x) => x.id !== p.id))}>
              知道了
            </button>
          )}
        </div>
      ))}
      {rows.length > 0 && (
        <div className="sb-table-wrap">
          <table className="sb-table">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">材料类别 *</th>
                <th scope="col">文件名</th>
                <th scope="col">大小</th>
                <th scope="col">文件校验码</th>
                {!c.readonly && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={keys[i] ?? i}>
                  <th scope="row" className="sb-rownum">
                    {i + 1}
                  </th>
                  <td>
                    {limits.categories && !c.readonly ? (
                      <CategoryCell
                        pointer={childPointer(childPointer(c.pointer, i), 'category')}
                        options={limits.categories}
                        n={i + 1}
                      />
                    ) : (
                      categoryLabel(row.category)
                    )}
                  </td>
                  <td>{row.name}</td>
                  <td>{typeof row.size === 'number' ? sizeText(row.size) : ''}</td>
                  <td className="sb-mono" title={row.sha256}>
                    {row.sha256?.slice(0, 12)}…
                  </td>
                  {!c.readonly && (
                    <td className="sb-actions">
                      <button
                        type="button"
                        onClick={() => void download(row)}
                        aria-label={`下载“${row.name}”`}
                      >
                        下载
                      </button>
                      <button
                        type="button"
                        className="sb-danger"
                        aria-label={`删除“${row.name}”`}
                        onClick={() => {
                          const r = store.removeRow(c.pointer, i);
                          if (r) setRemoved(r);
                        }}
                      >
                        删除
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {removed && (
        <div className="sb-undo" role="status">
          已删除“{(removed.value as Row).name}”。
          <button
            type="button"
            onClick={() => {
              store.insertRow(c.pointer, removed.index, removed.value, removed.key);
              setRemoved(null);
            }}
          >
            撤销
          </button>
        </div>
      )}
      {c.errors.length > 0 && <p className="sb-cell-error">{c.errors.join('；')}</p>}
    </section>
  );
}

const isAttachmentList = schemaMatches((s, root) => {
  const n = s as SchemaNode;
  if (!isNode(n.items)) return false;
  const props = propertiesOf(root as SchemaNode, deref(root as SchemaNode, n.items));
  return 'sha256' in props && 'size' in props && 'name' in props;
});

export const attachmentControlEntry = {
  tester: rankWith(5, and(isObjectArrayControl, isAttachmentList)),
  renderer: AttachmentControl,
};
