// The shared record of outgoing mail (`mail-log` in the store, so every instance writes to and reads the same
// log). Subjects and addresses only: bodies carry reset links, which are as good as passwords.
import { randomBytes } from 'node:crypto';
import type { MailKind, MailLogEntry, MailStatus, MailTransport } from '@poisklinik/shared';
import type { StoreDatabase, StoredDoc } from '../store/store.types';

export const MAIL_LOG_DB = 'mail-log';
const MAX_ATTEMPTS = 5;
const ERROR_MAX_LENGTH = 300;
const ERASE_PAGE = 500;
/** What a deleted account's address becomes in the log. */
export const ERASED_RECIPIENT = '(deleted account)';

type MailLogDoc = Omit<MailLogEntry, 'id'> & { _id: string; _rev?: string };

function entryOf(doc: StoredDoc): MailLogEntry {
  const { _id, _rev: _r, _conflicts: _c, _revisions: _v, _deleted: _d, ...fields } = doc;
  return { id: _id, ...(fields as Omit<MailLogEntry, 'id'>) };
}

export class MailLogStore {
  private constructor(private readonly db: StoreDatabase) {}

  static async open(store: { database(name: string): Promise<StoreDatabase> }): Promise<MailLogStore> {
    return new MailLogStore(await store.database(MAIL_LOG_DB));
  }

  /** Records a mail about to be sent; the id sorts by time, so the newest come first in a descending read. */
  async queued(
    mail: { to: string; subject: string; kind: MailKind },
    transport: MailTransport,
    instanceId: string,
    nowIso: string,
  ): Promise<string> {
    const _id = `${nowIso}-${randomBytes(4).toString('hex')}`;
    const doc: MailLogDoc = {
      _id,
      ...mail,
      status: 'queued',
      transport,
      createdAt: nowIso,
      updatedAt: nowIso,
      instanceId,
    };
    const written = await this.db.put(doc);
    if (!written.ok) throw new Error(`mail log entry not written: ${written.reason}`);
    return _id;
  }

  async settle(id: string, status: Exclude<MailStatus, 'queued'>, nowIso: string, error?: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const doc = await this.db.get(id);
      if (!doc) return;
      const next = { ...doc, status, updatedAt: nowIso, ...(error ? { error: error.slice(0, ERROR_MAX_LENGTH) } : {}) };
      if ((await this.db.put(next)).ok) return;
    }
  }

  /** Newest first. */
  async list(limit: number, skip: number): Promise<{ mails: MailLogEntry[]; total: number }> {
    const page = await this.db.allDocs({ includeDocs: true, descending: true, limit, skip });
    const mails = page.rows.flatMap((row) => ('doc' in row && row.doc ? [entryOf(row.doc)] : []));
    return { mails, total: page.totalRows };
  }

  /**
   * Account deletion (ADR 007): the entries keep what happened, not to whom. A paged scan — deletions are rare,
   * and an index by address would itself keep the address.
   */
  async eraseRecipient(address: string, nowIso: string): Promise<number> {
    let erased = 0;
    let startkey: string | undefined;
    for (;;) {
      const page = await this.db.allDocs({
        includeDocs: true,
        limit: ERASE_PAGE,
        ...(startkey === undefined ? {} : { startkey, skip: 1 }),
      });
      const hits = page.rows.flatMap((row) => ('doc' in row && row.doc?.['to'] === address ? [row.doc] : []));
      if (hits.length > 0) {
        const results = await this.db.bulkDocs(
          hits.map((doc) => ({ ...doc, to: ERASED_RECIPIENT, updatedAt: nowIso })),
        );
        erased += results.filter((r) => r.ok).length;
      }
      const last = page.rows.at(-1);
      if (!last || page.rows.length < ERASE_PAGE) return erased;
      startkey = last.key;
    }
  }
}
