// PGlite is one process per data directory. The server holds a lock file so that a second
// process (another server, a CLI command) is refused instead of corrupting the files.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const LOCK = 'sunlight.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of another live process holding the directory, or null. */
export function lockHolder(dataDir: string): number | null {
  const f = join(dataDir, LOCK);
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').trim());
  return pid && pid !== process.pid && alive(pid) ? pid : null;
}

export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const holder = lockHolder(dataDir);
  if (holder) throw new Error(`数据目录 ${dataDir} 正被进程 ${holder} 使用（PGlite 只允许一个进程打开同一数据目录）`);
  const f = join(dataDir, LOCK);
  writeFileSync(f, String(process.pid));
  return () => {
    if (existsSync(f) && readFileSync(f, 'utf8').trim() === String(process.pid)) rmSync(f);
  };
}
