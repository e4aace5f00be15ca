import { ApiError } from '../../api';
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

/**
 * Downloads a GET endpoint's file (same-origin cookie) and saves it under the server's name;
 * an error answer becomes an ApiError with the server's message instead of a saved JSON file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `下载失败（${res.status}）`, e?.details);
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="([^"]+)"/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
