import type { UploadFile } from 'antd';
import type { Attachment } from './model';

/** Reads antd Upload's chosen files (kept in the browser, beforeUpload → false) as Base64. */
export async function toAttachments(files: UploadFile[] | undefined): Promise<Attachment[] | undefined> {
  if (!files?.length) return undefined;
  return Promise.all(
    files.map(async (f) => {
      const blob = f.originFileObj as Blob;
      const buf = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return { name: f.name, mime: f.type || 'application/octet-stream', contentBase64: btoa(bin) };
    }),
  );
}
