// The name an uploaded file is kept and offered under. It comes from the client, so it is
// cut down to a plain file name: no folders (`../../etc/passwd` → `passwd`), no control
// characters, no bidirectional overrides (which make `invoice‮fdp.exe` read as `invoiceexe.pdf`),
// at most 200 characters (the schema's `name.maxLength`). Chinese and other scripts stay as they are.

/** The limit the attachment schema gives a name (characters, as ajv counts them). */
export const FILE_NAME_MAX = 200;

// C0/C1 controls, and the invisible formatting characters that reorder or hide text: bidi
// embeddings, overrides and isolates, LRM/RLM/ALM, zero-width joiners and the BOM.
const UNSAFE = /[\p{Cc}\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;

/** A safe display name for an uploaded file; `fallback` when nothing usable is left. */
export function safeFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base.replace(UNSAFE, '').trim();
  // Names made only of dots are path tricks, not names; leading dots would hide the file on Unix.
  name = name.replace(/^\.+/, '').trim();
  const chars = [...name];
  if (chars.length > FILE_NAME_MAX) {
    // Keep the extension when cutting: it tells the person what the file is.
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
    name = chars.slice(0, FILE_NAME_MAX - ext.length).join('') + ext.join('');
  }
  return name === '' ? fallback : name;
}
