import type { Document } from 'docx';
import { gbDocument } from '../gongwen';
import { body } from '../ooxml';

export function hallCommitment(): Document {
  return gbDocument({ title: 'hall-commitment', description: '' }, [body(['TODO'])]);
}
