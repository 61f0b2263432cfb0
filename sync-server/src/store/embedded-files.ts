// What the embedded store occupies on disk: the sync-health view reports store size and scans every database for
// conflicts, including databases this process has not opened yet.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { databaseDirName, isValidDatabaseName } from './database-name';

/** Bytes of the files in a directory tree; a directory that vanished meanwhile (a destroyed database) counts 0. */
export async function directoryBytes(directory: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let total = 0;
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(path);
    else if (entry.isFile())
      total += await stat(path).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

/** Inverse of `databaseDirName`; null for a folder that is not a database's (the mail outbox, say). */
function databaseNameOfDir(dirName: string): string | null {
  const name = dirName.replace(/\.([0-9a-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return isValidDatabaseName(name) && databaseDirName(name) === dirName ? name : null;
}

/** Databases found in an embedded store's data directory (leveldb folders carry a CURRENT file), sorted. */
export async function embeddedDatabaseNames(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const name = databaseNameOfDir(entry.name);
    const isLevelDb = await stat(join(dataDir, entry.name, 'CURRENT')).then(
      (s) => s.isFile(),
      () => false,
    );
    if (name !== null && isLevelDb) names.push(name);
  }
  return names.sort();
}
