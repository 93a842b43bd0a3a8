// Article references as the measures cite them: 第十四条, 第十四条第(三)项.

import { cnNumeral, toInteger } from './cn-number.js';

const CN_ITEM = /^[(（]?([一二三四五六七八九十百]+)[)）]?$/;
const CN_ARTICLE = /^第[一二三四五六七八九十百千零]+条$/;

function articlePart(article: unknown): string | undefined {
  const n = toInteger(article);
  if (n !== undefined && n > 0 && n <= 9999) return `第${cnNumeral(n)}条`;
  if (typeof article === 'string' && CN_ARTICLE.test(article.trim())) return article.trim();
  return undefined;
}

function itemPart(item: unknown): string | undefined {
  const n = toInteger(item);
  if (n !== undefined && n > 0 && n <= 9999) return `第(${cnNumeral(n)})项`;
  if (typeof item === 'string') {
    const m = CN_ITEM.exec(item.trim());
    if (m) return `第(${m[1]})项`;
  }
  return undefined;
}

/**
 * `{article: 14, item: 3}` → 第十四条第(三)项; `{article: 14}` → 第十四条; a bare ground number
 * with the article as argument (`articleRef:"14"`) → 第十四条第(三)项. Items may also be given
 * as written in the measures, "（三）".
 */
export function articleRef(value: unknown, article?: string): string {
  if (value == null || value === '') return '';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const a = articlePart(Object.hasOwn(v, 'article') ? v.article : article);
    if (!a) return '';
    const i = Object.hasOwn(v, 'item') ? itemPart(v.item) : undefined;
    return i ? a + i : a;
  }
  if (article !== undefined && article !== '') {
    const a = articlePart(article);
    const i = itemPart(value);
    if (a && i) return a + i;
  }
  return articlePart(value) ?? String(value);
}
