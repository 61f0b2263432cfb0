import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { reviewSchema, type Review } from '@poisklinik/shared';
import { reviewProblem } from './review-draft';
import { deleteReview, writeReview } from './review-writes';

const USER = 'uabcdefghijklmnopqrst';
const CLINIC = '34c829e6-0e5e-4d8d-a9fd-377b2f86e3b4';

type Db = RxDatabase<{ reviews: RxCollection<Review> }>;
let db: Db | undefined;

async function device(): Promise<Db> {
  db = await createRxDatabase<{ reviews: RxCollection<Review> }>({
    name: `reviews-${Math.random().toString(36).slice(2)}`,
    // Validated against the shared schema, as dev builds of the app do: every write must be a valid review.
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
  });
  await db.addCollections({ reviews: { schema: reviewSchema } });
  return db;
}

afterEach(async () => {
  await db?.remove();
  db = undefined;
});

describe('the review form rules', () => {
  it('needs a score 1–5 and at most 1,000 characters after trimming', () => {
    expect(reviewProblem({ score: 0, text: '' })).toBe('score');
    expect(reviewProblem({ score: 6, text: '' })).toBe('score');
    expect(reviewProblem({ score: 5, text: 'x'.repeat(1001) })).toBe('text_long');
    expect(reviewProblem({ score: 5, text: ` ${'x'.repeat(1000)}\n` })).toBeNull();
    expect(reviewProblem({ score: 1, text: '' })).toBeNull();
  });
});

describe('writing a review on the device', () => {
  it('stores a new review as pending under the user+clinic id and records it as waiting to be sent', async () => {
    const { reviews } = await device();
    const recorded: [string, string][] = [];
    const saved = await writeReview(reviews, USER, CLINIC, { score: 4, text: '  Вежливые врачи  ' }, (id, at) =>
      recorded.push([id, at]),
    );
    const stored = (await reviews.findOne(`${USER}.${CLINIC}`).exec())?.toJSON();
    expect(stored).toMatchObject({ clinicId: CLINIC, score: 4, text: 'Вежливые врачи', status: 'pending' });
    expect(recorded).toEqual([[`${USER}.${CLINIC}`, saved?.updatedAt]]);
  });

  it('an edit of a moderated review goes back to pending, drops the old note, keeps its first date', async () => {
    const { reviews } = await device();
    const first = await writeReview(reviews, USER, CLINIC, { score: 2, text: 'Плохо' }, () => {});
    // The server's answer as the live pull would bring it.
    await reviews.upsert({ ...first!, status: 'hidden', moderationNote: 'грубость', updatedAt: first!.updatedAt });

    const edited = await writeReview(reviews, USER, CLINIC, { score: 3, text: 'Получше' }, () => {});
    const stored = (await reviews.findOne(edited!.id).exec())?.toJSON();
    expect(stored).toMatchObject({ score: 3, text: 'Получше', status: 'pending', createdAt: first!.createdAt });
    expect(stored?.moderationNote).toBeUndefined();
    expect(stored!.updatedAt > first!.updatedAt).toBe(true);
    expect(await reviews.count().exec()).toBe(1);
  });

  it('deletes the review, and a later review of the same clinic is written again', async () => {
    const { reviews } = await device();
    await writeReview(reviews, USER, CLINIC, { score: 5, text: '' }, () => {});
    expect(await deleteReview(reviews, USER, CLINIC)).toBe(true);
    expect(await reviews.count().exec()).toBe(0);
    expect(await deleteReview(reviews, USER, CLINIC)).toBe(false);

    await writeReview(reviews, USER, CLINIC, { score: 1, text: 'Снова' }, () => {});
    expect((await reviews.findOne(`${USER}.${CLINIC}`).exec())?.toJSON()).toMatchObject({ score: 1, text: 'Снова' });
  });

  it('refuses input that breaks the rules without writing anything', async () => {
    const { reviews } = await device();
    const recorded: string[] = [];
    expect(await writeReview(reviews, USER, CLINIC, { score: 0, text: 'нет оценки' }, (id) => recorded.push(id))).toBe(
      null,
    );
    expect(await reviews.count().exec()).toBe(0);
    expect(recorded).toEqual([]);
  });
});
