// The yardstick: how fast the same store writes documents like a booking when nothing is checked — one `put` per
// document from as many concurrent writers as the booking run has clients, and `bulkDocs` batches.
import type { NewDoc, Store } from '../store/store.types';

export type RawRates = { putsPerSecond: number; bulkDocsPerSecond: number };

function bookingLike(n: number): NewDoc {
  const at = new Date().toISOString();
  return {
    _id: `uaaaaaaaaaaaaaaaaaaaa.raw-${String(n).padStart(8, '0')}`,
    ticketId: `clinic-a.31.08.49.20261202-${String(n % 2400).padStart(4, '0')}`,
    ticketVersion: 1,
    clinicId: 'clinic-a',
    specialtyCode: '31.08.49',
    startsAt: at,
    endsAt: at,
    patientName: 'Анна Петрова',
    patientPhone: '+79101234567',
    status: 'confirmed',
    createdAt: at,
    updatedAt: at,
  };
}

export async function rawWriteRates(store: Store, writers: number, docs: number): Promise<RawRates> {
  const puts = await store.database('bench-raw-put');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < docs) {
        const result = await puts.put(bookingLike(next++));
        if (!result.ok) throw new Error(`raw put failed: ${result.reason}`);
      }
    }),
  );
  const putsPerSecond = docs / ((performance.now() - started) / 1000);

  const bulk = await store.database('bench-raw-bulk');
  const BATCH = 500;
  const bulkStarted = performance.now();
  for (let start = 0; start < docs; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, docs - start) }, (_, i) => bookingLike(start + i));
    const results = await bulk.bulkDocs(batch);
    if (results.some((r) => !r.ok)) throw new Error('raw bulkDocs failed');
  }
  const bulkDocsPerSecond = docs / ((performance.now() - bulkStarted) / 1000);
  await Promise.all([store.destroyDatabase('bench-raw-put'), store.destroyDatabase('bench-raw-bulk')]);
  return { putsPerSecond, bulkDocsPerSecond };
}
