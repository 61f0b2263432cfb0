// The confirmation mail, sent after the confirmed booking is stored — never before, and never awaited by the push:
// the booking is the commitment, the mail only a copy of it, so a slow or dead SMTP server can neither delay the
// device's answer nor undo a booking (a failure is logged, nothing else).
import type { Mailer, MailMessage } from '../mail/mailer.types';
import type { Store } from '../store/store.types';
import { bookingIcs } from './booking-ics';
import { TICKETS_DB, type BookingDoc } from './booking.store';

export type BookingMailOptions = {
  store: Store;
  mailer: Mailer;
  publicOrigin: () => string;
  now: () => number;
  log: { warn(fields: Record<string, unknown>, message: string): void };
};

const MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** `2030-04-02` + `10:00` → `2 апреля 2030, 10:00` (the clinic's local time, as the ticket states it). */
export function russianDateTime(localDate: string, localTime: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  return `${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}, ${localTime}`;
}

type Named = { name?: unknown; address?: unknown; email?: unknown; localDate?: unknown; localTime?: unknown };

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export class BookingMail {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: BookingMailOptions) {}

  /** Fire and forget: returns at once; the send runs on its own and only logs a failure. */
  send(booking: BookingDoc): void {
    const sending = this.compose(booking)
      .then((message) => (message ? this.options.mailer.send(message) : undefined))
      .then(
        () => undefined,
        (err: unknown) => this.options.log.warn({ err, bookingId: booking._id }, 'booking confirmation not mailed'),
      );
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  /** Lets sends in progress finish (shutdown), so no mail is cut off halfway through writing. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async doc(db: string, id: string): Promise<Named | null> {
    return (await (await this.options.store.database(db)).get(id)) as Named | null;
  }

  /** Null when the user has no address on file (the booking stands; there is just no one to mail). */
  async compose(booking: BookingDoc): Promise<MailMessage | null> {
    const userId = booking._id.slice(0, booking._id.indexOf('.'));
    const [profile, clinic, specialty, ticket] = await Promise.all([
      this.doc('profiles', userId),
      this.doc('clinics', booking.clinicId),
      this.doc('specialties', booking.specialtyCode),
      this.doc(TICKETS_DB, booking.ticketId),
    ]);
    const to = profile?.email;
    if (typeof to !== 'string' || to === '') return null;
    const clinicName = text(clinic?.name, booking.clinicId);
    const address = text(clinic?.address, '');
    const specialtyName = text(specialty?.name, booking.specialtyCode);
    const when =
      typeof ticket?.localDate === 'string' && typeof ticket.localTime === 'string'
        ? russianDateTime(ticket.localDate, ticket.localTime)
        : `${booking.startsAt} (UTC)`;
    const link = `${this.options.publicOrigin()}/bookings`;
    const body = [
      `Здравствуйте, ${booking.patientName}!`,
      '',
      'Вы записаны на приём.',
      '',
      `Специальность: ${specialtyName}`,
      `Клиника: ${clinicName}`,
      ...(address ? [`Адрес: ${address}`] : []),
      `Дата и время: ${when} (местное время клиники)`,
      `Пациент: ${booking.patientName}, ${booking.patientPhone}`,
      '',
      `Отменить запись можно в приложении до начала приёма: ${link}`,
      '',
      'Файл во вложении добавит приём в ваш календарь.',
      '',
      '— ПоисКлиник',
    ].join('\n');
    const ics = bookingIcs({
      uid: booking._id,
      start: new Date(booking.startsAt),
      end: new Date(booking.endsAt),
      stamp: new Date(this.options.now()),
      summary: `Приём: ${specialtyName}`,
      location: address ? `${clinicName}, ${address}` : clinicName,
      description: `Пациент: ${booking.patientName}\nОтменить запись: ${link}`,
    });
    return {
      to,
      kind: 'booking_confirmation',
      subject: `Запись подтверждена: ${specialtyName}, ${when}`,
      text: body,
      attachments: [
        { filename: 'priem.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
      ],
    };
  }
}
