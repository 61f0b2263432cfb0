// Which town every clinic belongs to, kept current from the clinics change feed: answers the scoped doc_count
// (clinics per town, summed over a scope) and the scoped `_all_docs` without reading documents.
import type { Seq, StoreDatabase } from '../../store/store.types';

const PAGE = 5000;

export class ClinicTownIndex {
  private readonly townOf = new Map<string, string>();
  private readonly perTown = new Map<string, number>();
  private seq: Seq = 0;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly clinics: () => Promise<StoreDatabase>) {}

  /** Catches up with the feed. Incremental: each call reads only the changes since the previous one. */
  refresh(): Promise<void> {
    this.refreshing ??= this.catchUp().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The seq the index is current to (the scoped `update_seq`). */
  get updateSeq(): Seq {
    return this.seq;
  }

  town(id: string): string | undefined {
    return this.townOf.get(id);
  }

  count(towns: ReadonlySet<string>): number {
    let n = 0;
    for (const t of towns) n += this.perTown.get(t) ?? 0;
    return n;
  }

  private async catchUp(): Promise<void> {
    const db = await this.clinics();
    for (;;) {
      const page = await db.changes({ since: this.seq, limit: PAGE, includeDocs: true });
      for (const row of page.results) {
        const town = row.deleted ? undefined : row.doc?.['townId'];
        this.move(row.id, typeof town === 'string' ? town : undefined);
      }
      this.seq = page.lastSeq;
      if (page.results.length < PAGE) return;
    }
  }

  private move(id: string, town: string | undefined): void {
    const before = this.townOf.get(id);
    if (before === town) return;
    if (before !== undefined) this.perTown.set(before, (this.perTown.get(before) ?? 1) - 1);
    if (town === undefined) {
      this.townOf.delete(id);
    } else {
      this.townOf.set(id, town);
      this.perTown.set(town, (this.perTown.get(town) ?? 0) + 1);
    }
  }
}
