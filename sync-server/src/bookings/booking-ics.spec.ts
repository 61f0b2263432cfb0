import { describe, expect, it } from 'vitest';
import { bookingIcs, escapeText, foldLine, utcStamp } from './booking-ics';

/** Undoes folding as a calendar reader does (RFC 5545 3.1): a CRLF followed by one space disappears. */
function unfold(text: string): string {
  return text.replace(/\r\n /g, '');
}

const event = {
  uid: 'uabcdefghijklmnopqrst.0123456789abcdef',
  start: new Date('2030-04-02T07:00:00.000Z'),
  end: new Date('2030-04-02T07:30:00.000Z'),
  stamp: new Date('2030-03-01T09:00:00.000Z'),
  summary: 'Приём: Аллергология и иммунология',
  location: 'Поликлиника № 1, ул. Тестовая, д. 8; г. Калуга',
  description: 'Пациент: Анна Петрова\nОтменить запись можно в приложении до начала приёма: https://x.ru/bookings',
};

describe('booking .ics', () => {
  it('is a VCALENDAR with one VEVENT whose UID is the booking id and whose times are UTC', () => {
    const lines = unfold(bookingIcs(event)).split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).toContain('UID:uabcdefghijklmnopqrst.0123456789abcdef');
    expect(lines).toContain('DTSTART:20300402T070000Z');
    expect(lines).toContain('DTEND:20300402T073000Z');
    expect(lines).toContain('DTSTAMP:20300301T090000Z');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines.at(-1)).toBe('');
  });

  it('ends every line with CRLF and never has a bare LF or CR', () => {
    const text = bookingIcs(event);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds lines to at most 75 octets without splitting a Cyrillic letter, and unfolds to the original', () => {
    const text = bookingIcs(event);
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    expect(text).toContain('\r\n ');
    expect(unfold(text)).toContain(`DESCRIPTION:${escapeText(event.description)}`);
  });

  it('folds a line of exactly 75 octets not at all, and a 76-octet one into 75 + space + 1', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // 38 two-octet letters = 76 octets: the first piece stops at 37 letters (74), not inside the 38th.
    expect(foldLine('ж'.repeat(38))).toBe(`${'ж'.repeat(37)}\r\n ж`);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const lines = unfold(bookingIcs(event)).split('\r\n');
    expect(lines).toContain('LOCATION:Поликлиника № 1\\, ул. Тестовая\\, д. 8\\; г. Калуга');
  });

  it('writes UTC stamps without separators or milliseconds', () => {
    expect(utcStamp(new Date('2030-12-31T23:59:59.999Z'))).toBe('20301231T235959Z');
  });
});
