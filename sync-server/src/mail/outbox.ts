// Reads the `.eml` outbox back: for tests, for a developer without an SMTP server, and for the admin dashboard.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { outboxFileTime } from './outbox-file-name';

export type OutboxMail = {
  /** File name inside the outbox folder. */
  file: string;
  /** When the mailer wrote it (from the file name, millisecond precision). */
  writtenAt: Date;
  mail: ParsedMail;
};

/** Every mail in the outbox, newest first; an outbox that does not exist yet is empty. */
export async function readOutbox(outboxDir: string, options: { limit?: number } = {}): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = await readdir(outboxDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names
    .map((file) => ({ file, writtenAt: outboxFileTime(file) }))
    .filter((entry): entry is { file: string; writtenAt: Date } => entry.writtenAt !== null)
    .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0))
    .slice(0, options.limit ?? Infinity);
  // Loaded on demand: only tests and the dashboard read mail back, the sending path never needs the parser.
  const { simpleParser } = await import('mailparser');
  return Promise.all(
    files.map(async ({ file, writtenAt }) => ({
      file,
      writtenAt,
      mail: await simpleParser(await readFile(join(outboxDir, file))),
    })),
  );
}
