// When the device last received a clinic's published reviews: the "отзывы обновлены …" age shown offline.
// localStorage, so it is readable at once and other tabs hear of a pull.
const PREFIX = 'poisklinik:reviews:pulledAt:';

export function reviewsPulledAtKey(clinicId: string): string {
  return PREFIX + clinicId;
}

export function isReviewsPulledAtKey(key: string | null): boolean {
  return key !== null && key.startsWith(PREFIX);
}

export function readReviewsPulledAt(storage: Pick<Storage, 'getItem'>, clinicId: string): Date | null {
  const raw = storage.getItem(reviewsPulledAtKey(clinicId));
  if (!raw) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function writeReviewsPulledAt(storage: Pick<Storage, 'setItem'>, clinicId: string, at: number): void {
  storage.setItem(reviewsPulledAtKey(clinicId), new Date(at).toISOString());
}
