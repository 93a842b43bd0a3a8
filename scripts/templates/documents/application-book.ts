import type { Document } from 'docx';
import { gbDocument } from '../gongwen';
import { body } from '../ooxml';

export function applicationBook(): Document {
  return gbDocument({ title: 'application-book', description: '' }, [body(['TODO'])]);
}
