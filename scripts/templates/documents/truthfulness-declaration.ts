import type { Document } from 'docx';
import { gbDocument } from '../gongwen';
import { body } from '../ooxml';

export function truthfulnessDeclaration(): Document {
  return gbDocument({ title: 'truthfulness-declaration', description: '' }, [body(['TODO'])]);
}
