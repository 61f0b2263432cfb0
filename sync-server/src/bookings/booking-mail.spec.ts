// Confirmation mail through the server's real Mailer over real SMTP (an in-process server), after the commit.
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signUp } from '../authz/session-client';
import { startSmtpCapture, mailTo, type SmtpCapture } from '../test-support/smtp-capture';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { newBooking, pushOne, seedTicket, storedBooking, storedTicket, testClock } from './booking-test-kit';

// Sign-ups hash passwords and servers open stores on disk: slow on a busy machine. Nothing asserts on time.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const clock = testClock('2030-03-01T09:00:00.000Z');
let env: TestEnv;

beforeEach(async () => {
  env = await createTestEnv();
});

afterEach(async () => {
  await env.cleanup();
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('booking confirmation mail', () => {
  let smtp: SmtpCapture;

  afterEach(async () => {
    await smtp.close();
  });

  it('arrives in Russian with the clinic, address, specialty, local time and an .ics of the appointment', async () => {
    smtp = await startSmtpCapture();
    const server = await env.start({ now: clock.now, scheduler: false, smtpUrl: smtp.url });
    const anna = await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна');
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T07:00:00.000Z' });
    const booking = newBooking(anna.userId, ticket);
    expect((await pushOne(server, anna, booking)).ok).toBe(true);

    const mail = await smtp.waitForMail(mailTo('anna@example.ru'));
    expect(mail.subject).toBe('Запись подтверждена: Терапия, 2 апреля 2030, 10:00');
    expect(mail.text).toContain('Здравствуйте, Анна Петрова!');
    expect(mail.text).toContain('Клиника: Поликлиника № 1');
    expect(mail.text).toContain('Адрес: ул. Тестовая, д. 8, г. Калуга');
    expect(mail.text).toContain(`${server.url}/bookings`);
    const [ics] = mail.attachments;
    expect(ics?.contentType).toBe('text/calendar');
    expect(ics?.filename).toBe('priem.ics');
    const calendar = ics?.content.toString('utf8').replace(/\r\n /g, '') ?? '';
    expect(calendar).toContain(`UID:${booking._id}\r\n`);
    expect(calendar).toContain('DTSTART:20300402T070000Z\r\n');
    expect(calendar).toContain('DTEND:20300402T073000Z\r\n');
    expect(calendar).toContain('SUMMARY:Приём: Терапия\r\n');
  });

  it('is not sent for a rejected booking', async () => {
    smtp = await startSmtpCapture();
    const server = await env.start({ now: clock.now, scheduler: false, smtpUrl: smtp.url });
    const boris = await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис');
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T08:00:00.000Z' });
    const lost = newBooking(boris.userId, ticket, { ticketVersion: 5 });
    expect(await pushOne(server, boris, lost)).toMatchObject({ error: 'conflict' });
    const won = newBooking(boris.userId, ticket);
    expect((await pushOne(server, boris, won)).ok).toBe(true);
    // The one mail that comes is the confirmed booking's; nothing was sent for the rejected one before it.
    const mail = await smtp.waitForMail(mailTo('boris@example.ru'));
    expect(mail.attachments[0]?.content.toString('utf8')).toContain(`UID:${won._id}`);
    expect(smtp.messages).toHaveLength(1);
  });
});

describe('a failing SMTP server', () => {
  it('closed port: the booking is confirmed and the ticket held all the same', async () => {
    const server = await env.start({
      now: clock.now,
      scheduler: false,
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
    });
    const vera = await signUp(server, 'vera@example.ru', 'another long secret 7', 'Вера');
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T09:00:00.000Z' });
    const booking = newBooking(vera.userId, ticket);
    expect((await pushOne(server, vera, booking)).ok).toBe(true);
    await server.bookings.mail.settled();
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'booked', bookingId: booking._id });
  });

  it('silent server: the push is answered while the mail is still waiting for the SMTP greeting', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const server = await env.start({ now: clock.now, scheduler: false, smtpUrl: `smtp://127.0.0.1:${port}` });
      const gleb = await signUp(server, 'gleb@example.ru', 'gleb long password 1', 'Глеб');
      const ticket = await seedTicket(server, { startsAt: '2030-04-02T10:00:00.000Z' });
      const booking = newBooking(gleb.userId, ticket);
      expect((await pushOne(server, gleb, booking)).ok).toBe(true);
      // The answer came, yet the mailer is connected (or connecting) and has not got past the greeting.
      await expect.poll(() => sockets.length).toBe(1);
      expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
      // Hang up on it: the send fails, and the booking still stands.
      for (const s of sockets) s.destroy();
      await server.bookings.mail.settled();
      expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
