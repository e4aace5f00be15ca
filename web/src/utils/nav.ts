/** A same-site path from `?next=` (anything else — e.g. `//evil.example` — becomes '/'). */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (raw.startsWith('/login') || raw.startsWith('/change-password')) return '/';
  return raw;
}
