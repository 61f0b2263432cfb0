// When the device last heard the server's state of the user's bookings: shown as the data age of "Мои записи"
// offline. localStorage, per user, so it is readable at once on start and other tabs hear of it.
const PREFIX = 'poisklinik:account:bookingsPulledAt:';

export function bookingsPulledAtKey(userId: string): string {
  return PREFIX + userId;
}

export function readBookingsPulledAt(userId: string): Date | null {
  const raw = localStorage.getItem(bookingsPulledAtKey(userId));
  if (!raw) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function writeBookingsPulledAt(userId: string, at: Date | null): void {
  if (at) localStorage.setItem(bookingsPulledAtKey(userId), at.toISOString());
  else localStorage.removeItem(bookingsPulledAtKey(userId));
}
