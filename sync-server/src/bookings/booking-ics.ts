// An iCalendar (RFC 5545) file for one booking, written by hand: a dozen lines do not need a library, and the
// rules that matter are few and tested — CRLF line ends, folding at 75 octets, UTC times, escaped text.

export type IcsEvent = {
  /** Globally unique and stable: the booking id, so a re-sent file updates the same calendar entry. */
  uid: string;
  start: Date;
  end: Date;
  /** When the file was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  location: string;
  description: string;
};

const MAX_OCTETS = 75;

/** TEXT escaping (RFC 5545 3.3.11): backslash first, so the escapes added after are not escaped again. */
export function escapeText(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `20300402T070000Z`: a UTC date-time (form 2), which every calendar shows in its own zone. */
export function utcStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Folds a content line into pieces of at most 75 octets (RFC 5545 3.1): each continuation starts with one space,
 * which counts toward its 75. Splits only between characters, never inside a UTF-8 sequence — Cyrillic text is
 * two octets a letter, and a split letter would show as garbage.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = pieces.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

export function bookingIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//PoisKlinik//Booking//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DTEND:${utcStamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  // Every line ends with CRLF, the last one too (RFC 5545 3.1: "contentline = ... CRLF").
  return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}
