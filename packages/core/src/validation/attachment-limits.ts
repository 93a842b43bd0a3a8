import { parsePointer } from '../json-pointer';
import { itemsOf, propertyOf, type SchemaNode } from './schema-walk';

/** File types people recognise, by media type (what refusals and upload hints show). */
const MEDIA_TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word（.docx）',
  'application/msword': 'Word（.doc）',
};

/** `application/pdf` → `PDF`; a type without a common name is shown as it is. */
export function mediaTypeName(type: string): string {
  return Object.hasOwn(MEDIA_TYPE_NAMES, type) ? (MEDIA_TYPE_NAMES[type] as string) : type;
}

/** What a schema allows for one attachment: its `mediaType.enum` and its `size.maximum`. */
export interface SchemaAttachmentLimits {
  types: string[] | undefined;
  maxSize: number | undefined;
}

/**
 * Type and size limits as the attachment items' schema states them. The browser checks a file
 * with them before reading it; the server enforces the same numbers on the bytes it receives.
 */
export function attachmentLimits(root: SchemaNode, items: SchemaNode): SchemaAttachmentLimits {
  const media = propertyOf(root, items, 'mediaType');
  const size = propertyOf(root, items, 'size');
  return {
    types: Array.isArray(media?.enum) ? media.enum.map(String) : undefined,
    maxSize: typeof size?.maximum === 'number' ? size.maximum : undefined,
  };
}

/**
 * The schema of the items of the array at a data pointer (program.json `submission.attachments`),
 * or undefined when the pointer does not lead to an array in the schema.
 */
export function attachmentItems(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const token of parsePointer(pointer)) {
    if (!node) return undefined;
    node = /^\d+$/.test(token) ? itemsOf(root, node) : propertyOf(root, node, token);
  }
  if (!node) return undefined;
  const items = itemsOf(root, node);
  return items === node ? undefined : items;
}
