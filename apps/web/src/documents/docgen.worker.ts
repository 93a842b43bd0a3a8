/// <reference lib="webworker" />
// Word documents are rendered here, off the main thread, so the page never freezes.
import { loadProgram, type Program } from '@shenbao/core';
import { render } from '@shenbao/docgen';

type Request =
  | { type: 'load'; programId: string; files: Map<string, string | Uint8Array> }
  | {
      type: 'render';
      id: number;
      programId: string;
      docId: string;
      data: unknown;
      year?: number;
      placeholder?: string;
    };

const programs = new Map<string, Program>();

self.onmessage = (e: MessageEvent<Request>) => {
  const m = e.data;
  if (m.type === 'load') {
    programs.set(m.programId, loadProgram(m.files));
    return;
  }
  const program = programs.get(m.programId);
  try {
    if (!program) throw new Error(`项目“${m.programId}”尚未加载`);
    // The page has validated the draft against the year's schema (staff targets included).
    const bytes = render(program, m.docId, m.data, {
      skipValidation: true,
      year: m.year,
      placeholder: m.placeholder,
    });
    (self as unknown as Worker).postMessage({ id: m.id, bytes }, [bytes.buffer]);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id: m.id, error: (err as Error).message });
  }
};
