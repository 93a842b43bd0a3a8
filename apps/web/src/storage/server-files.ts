import { FileRefusedError, type FileStore } from '@shenbao/forms';
import { ApiError, download, queryString, seg, upload } from '../api/client';
import type { UploadedFile } from '../api/types';

/**
 * Attachment bytes on the server: uploaded as the applicant picks them (the server checks the
 * type by magic bytes, the size and the organisation's quota, and answers in Chinese), fetched
 * back by SHA-256. Nothing is kept in the browser: an upload needs a connection.
 */
export function serverFiles(programId: string, form: string): FileStore {
  return {
    where: '文件上传到服务器，仅本单位和受理部门可见',
    async put(sha256, blob, meta) {
      let r: UploadedFile;
      try {
        r = await upload<UploadedFile>(
          `/api/attachments${queryString({ programId, form })}`,
          blob,
          meta.name,
        );
      } catch (e) {
        // The server's refusal (type, size, quota) is the reason to show; other failures stay errors.
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) throw new FileRefusedError(e.message);
        throw e;
      }
      // The draft refers to the file by the digest computed here; the server must hold those bytes.
      if (r.sha256 !== sha256) throw new FileRefusedError('服务器收到的文件与本机文件不一致，请重新上传');
    },
    async get(sha256) {
      try {
        return await download(`/api/attachments/${seg(sha256)}`);
      } catch {
        return undefined;
      }
    },
  };
}
