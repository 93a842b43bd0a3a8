/** Page bounds of a list request: sizes between 1 and MAX_PAGE_SIZE, pages from 1. */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './applications';

export function pageBounds(
  page: number | undefined,
  pageSize: number | undefined,
): { page: number; pageSize: number } {
  return {
    page: clampInt(page, 1, 1, Number.MAX_SAFE_INTEGER),
    pageSize: clampInt(pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  };
}

function clampInt(v: number | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(v)));
}
