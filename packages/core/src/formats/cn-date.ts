/** 2026-09-24 → 2026年9月24日 (GB/T 9704: Arabic numerals, no leading zeros); other input as given. */
export function cnIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
