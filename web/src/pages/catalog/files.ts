// File helpers: base64 for the JSON upload endpoints.
import { api } from '../../api';
import type { UploadedFile } from './model';

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** POST /api/catalog/files: stored once under its SHA-256. */
export async function uploadCatalogFile(file: File): Promise<UploadedFile> {
  const contentBase64 = await fileToBase64(file);
  return api.post<UploadedFile>('/api/catalog/files', { name: file.name, mime: file.type || 'application/octet-stream', contentBase64 });
}
