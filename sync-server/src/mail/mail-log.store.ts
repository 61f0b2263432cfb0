// The shared record of outgoing mail, and its outbox (`mail-log` in the store, so every instance writes to and
// reads the same log, and any instance can finish a mail another one began). An entry holds the message body
// only while it may still be sent: reset mails carry a reset token whose only other store copy is a hash, so the
// plaintext must not outlive the delivery. Sending, giving up and erasing the recipient all drop the body. ADR 018.
import { randomBytes } from 'node:crypto';
import type { MailLogEntry, MailTransport } from '@poisklinik/shared';
import type { StoreDatabase, StoredDoc } from '../store/store.types';
import type { MailMessage } from './mailer.types';

export const MAIL_LOG_DB = 'mail-log';
const WRITE_TRIES = 5;
const ERROR_MAX_LENGTH = 300;
const ERASE_PAGE = 500;
const DUE_PAGE = 200;
/** What a deleted account's address becomes in the log. */
export const ERASED_RECIPIENT = '(deleted account)';

/** How long a claim keeps other instances off an entry: far above one SMTP send (connect 10 s, socket 30 s). */
export const CLAIM_MS = 2 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 60 * 60_000;
/** A mail still undelivered this long after it was queued is failed for good (and its body dropped). */
export const GIVE_UP_MS = 24 * 60 * 60_000;
/**
 * The delivery scan reads entries created within this window only (ids sort by creation time), so it stays a
 * bounded range read however long the log grows. Twice the give-up age: a sweep paused by a long outage of every
 * instance still finds the entries it must give up.
 */
const SCAN_MS = 2 * GIVE_UP_MS;

/** Base64 in the store: attachments may be binary, and JSON would mangle a Buffer. */
type StoredAttachment = { filename: string; contentBase64: string; contentType?: string };
type StoredBody = { text: string; html?: string; attachments?: StoredAttachment[] };

type MailLogDoc = Omit<MailLogEntry, 'id'> & {
  _id: string;
  _rev?: string;
  attempts?: number;
  /** ISO time; set on a failed entry that will be retried. */
  nextAttemptAt?: string;
  claimedBy?: string;
  /** ISO time until which `claimedBy` alone may send it. */
  claimUntil?: string;
  body?: StoredBody;
};

/** An entry this instance has claimed (status `sending`), with the revision its claim wrote. */
export type ClaimedMail = { doc: MailLogDoc & { _rev: string }; message: MailMessage };

function entryOf(doc: StoredDoc): MailLogEntry {
  // Picked field by field: the body (reset links) and the claim bookkeeping never leave the store.
  const d = doc as unknown as MailLogDoc;
  return {
    id: d._id,
    to: d.to,
    subject: d.subject,
    kind: d.kind,
    status: d.status,
    transport: d.transport,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    instanceId: d.instanceId,
    ...(d.error === undefined ? {} : { error: d.error }),
  };
}

function bodyOf(message: MailMessage): StoredBody {
  return {
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.attachments
      ? {
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentBase64: Buffer.from(a.content).toString('base64'),
            ...(a.contentType === undefined ? {} : { contentType: a.contentType }),
          })),
        }
      : {}),
  };
}

function messageOf(doc: MailLogDoc & { body: StoredBody }): MailMessage {
  const { body } = doc;
  return {
    to: doc.to,
    kind: doc.kind,
    subject: doc.subject,
    text: body.text,
    ...(body.html === undefined ? {} : { html: body.html }),
    ...(body.attachments
      ? {
          attachments: body.attachments.map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.contentBase64, 'base64'),
            ...(a.contentType === undefined ? {} : { contentType: a.contentType }),
          })),
        }
      : {}),
  };
}

/** 1 min after the first failure, doubling up to 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** Whether any instance may claim the entry now: never claimed in time, due for a retry, or its claimant died. */
function claimable(doc: MailLogDoc, nowMs: number): boolean {
  if (!doc.body) return false;
  if (doc.status === 'queued') return true;
  if (doc.status === 'failed') return doc.nextAttemptAt !== undefined && Date.parse(doc.nextAttemptAt) <= nowMs;
  if (doc.status === 'sending') return doc.claimUntil === undefined || Date.parse(doc.claimUntil) <= nowMs;
  return false;
}

/** The sweep's view: a `queued` entry is left to its own instance for one claim period before others step in. */
function dueForSweep(doc: MailLogDoc, nowMs: number): boolean {
  if (doc.status === 'queued') return Date.parse(doc.createdAt) + CLAIM_MS <= nowMs && claimable(doc, nowMs);
  return claimable(doc, nowMs);
}

function withoutDelivery(doc: MailLogDoc): MailLogDoc {
  const { body: _b, claimedBy: _c, claimUntil: _u, nextAttemptAt: _n, ...rest } = doc;
  return rest;
}

export class MailLogStore {
  private constructor(private readonly db: StoreDatabase) {}

  static async open(store: { database(name: string): Promise<StoreDatabase> }): Promise<MailLogStore> {
    return new MailLogStore(await store.database(MAIL_LOG_DB));
  }

  /**
   * Records a mail about to be sent, with everything needed to send it, so another instance can deliver it if
   * this one cannot. The id sorts by time, so the newest come first in a descending read.
   */
  async queued(message: MailMessage, transport: MailTransport, instanceId: string, nowIso: string): Promise<string> {
    const _id = `${nowIso}-${randomBytes(4).toString('hex')}`;
    const doc: MailLogDoc = {
      _id,
      to: message.to,
      subject: message.subject,
      kind: message.kind ?? 'other',
      status: 'queued',
      transport,
      createdAt: nowIso,
      updatedAt: nowIso,
      instanceId,
      attempts: 0,
      body: bodyOf(message),
    };
    const written = await this.db.put(doc);
    if (!written.ok) throw new Error(`mail log entry not written: ${written.reason}`);
    return _id;
  }

  /**
   * Takes the entry for one send by a revision-checked write (`sending`, this instance, until now + CLAIM_MS): of
   * instances racing for it, exactly one gets it. Null when it is not claimable or someone else won.
   */
  async claim(id: string, instanceId: string, nowMs: number): Promise<ClaimedMail | null> {
    const doc = (await this.db.get(id)) as MailLogDoc | null;
    if (!doc || !claimable(doc, nowMs) || !doc.body) return null;
    const nowIso = new Date(nowMs).toISOString();
    const next: MailLogDoc = {
      ...doc,
      status: 'sending',
      claimedBy: instanceId,
      claimUntil: new Date(nowMs + CLAIM_MS).toISOString(),
      instanceId,
      updatedAt: nowIso,
    };
    const written = await this.db.put(next);
    if (!written.ok) return null;
    return { doc: { ...next, _rev: written.rev }, message: messageOf({ ...next, body: doc.body }) };
  }

  /** The mail went out: `sent`, body dropped. Written whatever happened meanwhile — the send is the fact. */
  async sent(claimed: ClaimedMail, nowMs: number): Promise<void> {
    let doc: MailLogDoc | null = claimed.doc;
    for (let tries = 0; tries < WRITE_TRIES && doc; tries += 1) {
      const { error: _e, ...rest } = withoutDelivery(doc);
      const next = {
        ...rest,
        status: 'sent' as const,
        attempts: (claimed.doc.attempts ?? 0) + 1,
        updatedAt: new Date(nowMs).toISOString(),
      };
      if ((await this.db.put(next)).ok) return;
      doc = (await this.db.get(claimed.doc._id)) as MailLogDoc | null;
    }
  }

  /**
   * The send failed: `failed` with the error and the next attempt after the backoff, or for good (body dropped)
   * once the mail is GIVE_UP_MS old. Left alone if the entry changed under us (sent by someone, or re-claimed).
   */
  async failed(claimed: ClaimedMail, error: string, nowMs: number): Promise<void> {
    const attempts = (claimed.doc.attempts ?? 0) + 1;
    const givingUp = nowMs - Date.parse(claimed.doc.createdAt) >= GIVE_UP_MS;
    const base = withoutDelivery(claimed.doc);
    const next: MailLogDoc = {
      ...base,
      status: 'failed',
      attempts,
      updatedAt: new Date(nowMs).toISOString(),
      error: (givingUp ? `gave up after ${attempts} attempts: ${error}` : error).slice(0, ERROR_MAX_LENGTH),
      ...(givingUp
        ? {}
        : { body: claimed.doc.body, nextAttemptAt: new Date(nowMs + retryDelayMs(attempts)).toISOString() }),
    };
    await this.db.put(next);
  }

  /** Ids of entries a sweep should claim now, oldest first (one bounded range read, paged). */
  async due(nowMs: number): Promise<{ id: string; giveUp: boolean }[]> {
    const due: { id: string; giveUp: boolean }[] = [];
    let startkey = new Date(nowMs - SCAN_MS).toISOString();
    let skip = 0;
    for (;;) {
      const page = await this.db.allDocs({ includeDocs: true, startkey, skip, limit: DUE_PAGE });
      for (const row of page.rows) {
        if (!('doc' in row) || !row.doc) continue;
        const doc = row.doc as unknown as MailLogDoc;
        if (dueForSweep(doc, nowMs)) {
          due.push({ id: doc._id, giveUp: nowMs - Date.parse(doc.createdAt) >= GIVE_UP_MS });
        }
      }
      const last = page.rows.at(-1);
      if (!last || page.rows.length < DUE_PAGE) return due;
      startkey = last.key;
      skip = 1;
    }
  }

  /** Newest first. */
  async list(limit: number, skip: number): Promise<{ mails: MailLogEntry[]; total: number }> {
    const page = await this.db.allDocs({ includeDocs: true, descending: true, limit, skip });
    const mails = page.rows.flatMap((row) => ('doc' in row && row.doc ? [entryOf(row.doc)] : []));
    return { mails, total: page.totalRows };
  }

  /**
   * Account deletion (ADR 007): the entries keep what happened, not to whom, and an undelivered mail to the
   * deleted account is not sent any more (failed, body dropped). A paged scan — deletions are rare, and an index by
   * address would itself keep the address.
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
          hits.map((stored) => {
            const doc = stored as unknown as MailLogDoc;
            const undelivered = doc.body !== undefined;
            return {
              ...withoutDelivery(doc),
              to: ERASED_RECIPIENT,
              updatedAt: nowIso,
              ...(undelivered ? { status: 'failed' as const, error: 'recipient account deleted' } : {}),
            };
          }),
        );
        erased += results.filter((r) => r.ok).length;
      }
      const last = page.rows.at(-1);
      if (!last || page.rows.length < ERASE_PAGE) return erased;
      startkey = last.key;
    }
  }
}
