/**
 * `2026-11-30T08-27-07.123Z-<message id>.eml`: sorts by time as plain text, and has no ':' (not allowed on Windows
 * file systems, awkward in shells). The message id keeps names unique and lets a log line be matched to its file.
 */
export function outboxFileName(time: Date, messageId: string): string {
  const stamp = time.toISOString().replaceAll(':', '-');
  const id = messageId
    .replace(/^<|>$/g, '')
    .replace(/[^A-Za-z0-9._@-]/g, '_')
    .slice(0, 120);
  return `${stamp}-${id || 'mail'}.eml`;
}

/** The time part of an outbox file name, or null for a file that is not ours. */
export function outboxFileTime(fileName: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2}\.\d{3}Z)-.*\.eml$/.exec(fileName);
  if (!match) return null;
  const time = new Date(`${match[1]}:${match[2]}:${match[3]}`);
  return Number.isNaN(time.getTime()) ? null : time;
}
