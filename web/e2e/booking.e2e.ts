import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Booking, Ticket } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { signUpInNewPage, usePages } from './support/pages';
import { startSyncServer, storeTickets, storeUserDocs, type TestServer } from './support/sync-server';
import { ProfilePage, SignUpPage } from './pages/account.page';
import { BookingPage, MyBookingsPage } from './pages/booking.page';
import { HomePage } from './pages/home.page';

type StoredBooking = Omit<Booking, 'id'> & { _id: string };
type StoredTicket = Omit<Ticket, 'id'> & { _id: string; bookingId?: string };

/** "Клиника Здоровья" of the demo catalogue: the Kaluga clinic with the most specialties and schedules. */
const CLINIC_ID = '34c829e6-0e5e-4d8d-a9fd-377b2f86e3b4';
/** "СИТИЛАБ", another Kaluga clinic with specialties: never opened before the town-scope test looks at it. */
const UNOPENED_CLINIC_ID = '3dad521a-89e4-486a-834f-7dfd9d3821f1';
const PHONE = '8 (910) 123-45-67';
const REJECTION_TEXTS = ['это время уже занял другой пациент', 'расписание изменилось, пока запись ждала отправки'];

let test: TestServer;
let browser: Browser;
const pages = usePages(() => browser);
let userCount = 0;

beforeAll(async () => {
  [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
  // The scheduler's first run starts with the server; the demo clinics' tickets exist once it has finished.
  await test.server.scheduler.startRun;
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await test?.stop();
});

/** A new patient, signed up and signed in in a fresh browser context. */
async function signedUpPatient(name: string): Promise<Page> {
  const page = await signUpInNewPage(pages, test.server.url, {
    email: `patient${++userCount}@example.ru`,
    password: 'запись-к-врачу-2026',
    name,
  });
  await new ProfilePage(page).header.waitForText(name);
  return page;
}

async function storedBookings(): Promise<StoredBooking[]> {
  return storeUserDocs<StoredBooking>(test.server, 'bookings');
}

async function storedTicket(id: string): Promise<StoredTicket | undefined> {
  return (await storeTickets<StoredTicket>(test.server)).find((t) => t._id === id);
}

/** Polls the store until `accept` holds: replication and the server's decision are asynchronous. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 150 && !accept(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  if (!accept(value)) throw new Error(`${what} never happened: ${JSON.stringify(value)}`);
  return value;
}

/** Specialty → first day → first free time: the ticket a patient would take. */
async function pickFirstFreeTime(
  booking: BookingPage,
  specialty?: string,
): Promise<{ ticketId: string; specialty: string }> {
  const picked = await booking.pickSpecialty(specialty);
  await booking.pickFirstDay();
  return { ticketId: await booking.pickFirstTime(), specialty: picked };
}

describe('booking', () => {
  it('books online: confirmed, listed in Мои записи, and the store holds the ticket for exactly this booking', async () => {
    const page = await signedUpPatient('Анна');
    const booking = new BookingPage(page);
    await booking.openFromClinic(test.server.url, CLINIC_ID);
    const { ticketId } = await pickFirstFreeTime(booking);
    expect(await booking.nameInput.inputValue()).toBe('Анна');
    await booking.confirm(PHONE);

    await booking.waitForResult();
    await booking.waitForStatus('confirmed');
    expect(await booking.status.innerText()).toContain('подтверждена');

    const myBookings = new MyBookingsPage(page);
    await myBookings.openFromHeader();
    const card = myBookings.upcomingCards;
    expect(await card.count()).toBe(1);
    await myBookings.waitForCardStatus(card, 'confirmed');
    expect((await card.innerText()).replace(/\s+/g, ' ')).toContain('Анна, +7 910 123-45-67');

    const mine = (await storedBookings()).filter((b) => b.ticketId === ticketId);
    expect(mine.map((b) => [b.status, b.patientPhone])).toEqual([['confirmed', '+79101234567']]);
    const ticket = await storedTicket(ticketId);
    expect(ticket?.status).toBe('booked');
    expect(ticket?.bookingId).toBe(mine[0]?._id);
  });

  it('books offline: waiting to be sent, then confirmed once the network is back', async () => {
    const page = await signedUpPatient('Борис');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const booking = new BookingPage(page);
    await booking.openFromClinic(test.server.url, CLINIC_ID);
    // The clinic's tickets reach the device while online; their age is shown with them.
    await booking.specialties.and(page.locator(':enabled')).first().waitFor({ timeout: 30_000 });
    await booking.ticketsAge.filter({ hasText: 'Свободное время: данные на' }).waitFor({ timeout: 30_000 });

    await page.context().setOffline(true);
    const { ticketId } = await pickFirstFreeTime(booking);
    await page.getByText('Нет сети: запись сохранится на устройстве').waitFor();
    await booking.confirm(PHONE);
    await booking.waitForResult();
    await booking.waitForStatus('pending');
    expect(await booking.status.innerText()).toContain('ожидает отправки');
    expect((await storedBookings()).filter((b) => b.ticketId === ticketId)).toEqual([]);

    await page.context().setOffline(false);
    await booking.waitForStatus('confirmed', 60_000);
    const stored = await eventually(
      storedBookings,
      (all) => all.some((b) => b.ticketId === ticketId && b.status === 'confirmed'),
      'the offline booking confirmed in the store',
    );
    expect(stored.filter((b) => b.ticketId === ticketId)).toHaveLength(1);
    expect((await storedTicket(ticketId))?.status).toBe('booked');

    // Мои записи offline after a reload: the booking from the device, with the age of what the server said.
    const myBookings = new MyBookingsPage(page);
    await myBookings.openFromHeader();
    await myBookings.waitForCardStatus(myBookings.upcomingCards, 'confirmed');
    await page.context().setOffline(true);
    await page.reload();
    await myBookings.waitForCardStatus(myBookings.upcomingCards, 'confirmed');
    expect(await page.getByTestId('bookings-age').innerText()).toMatch(/^Данные на \d{2}:\d{2}$/);
    await page.context().setOffline(false);
  });

  it('two patients race for one ticket: exactly one confirmed, the other rejected with the reason and next free times', async () => {
    const [first, second] = await Promise.all([signedUpPatient('Вера'), signedUpPatient('Глеб')]);
    const flows = [new BookingPage(first), new BookingPage(second)] as const;
    await Promise.all(flows.map((f) => f.openFromClinic(test.server.url, CLINIC_ID)));
    const { ticketId, specialty } = await pickFirstFreeTime(flows[0]);
    await flows[1].pickSpecialty(specialty);
    await flows[1].pickFirstDay();
    await flows[1].pickTime(ticketId);
    await Promise.all(flows.map((f) => f.phoneInput.fill(PHONE)));

    await Promise.all(flows.map((f) => f.submitButton.click()));
    await Promise.all(flows.map((f) => f.waitForResult()));
    const settled = async (f: BookingPage) => {
      await f.page.waitForFunction(
        () => {
          const status = document.querySelector('[data-testid="booking-result"] [data-testid="booking-status"]');
          return (
            status?.getAttribute('data-status') === 'confirmed' || status?.getAttribute('data-status') === 'rejected'
          );
        },
        undefined,
        { timeout: 60_000 },
      );
      return (await f.status.getAttribute('data-status')) ?? '';
    };
    const statuses = await Promise.all(flows.map(settled));
    expect([...statuses].sort()).toEqual(['confirmed', 'rejected']);

    const loser = flows[statuses.indexOf('rejected')];
    if (!loser) throw new Error('no loser');
    expect(REJECTION_TEXTS).toContain((await loser.reason.innerText()).trim());
    expect(await loser.status.innerText()).toContain('отклонена');
    await loser.nextFreeTimes.first().waitFor({ timeout: 30_000 });
    const offered = await loser.nextFreeTimes.evaluateAll((links) =>
      links.map((a) => a.getAttribute('data-ticket-id')),
    );
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain(ticketId);

    const forTicket = (await storedBookings()).filter((b) => b.ticketId === ticketId);
    expect(forTicket.map((b) => b.status).sort()).toEqual(['confirmed', 'rejected']);
    const ticket = await storedTicket(ticketId);
    expect(ticket?.bookingId).toBe(forTicket.find((b) => b.status === 'confirmed')?._id);

    // Picking one of the offered times books again from where the rejection left off.
    await loser.nextFreeTimes.first().click();
    await loser.submitButton.waitFor({ timeout: 30_000 });
    await loser.confirm(PHONE);
    await loser.waitForResult();
    await loser.waitForStatus('confirmed');
  });

  it('asks a visitor to sign up first and comes back to the chosen time to book it', async () => {
    const page = await pages.newPage();
    const booking = new BookingPage(page);
    await booking.openFromClinic(test.server.url, CLINIC_ID);
    const { ticketId } = await pickFirstFreeTime(booking);
    const prompt = page.getByTestId('booking-sign-in-first');
    expect(await prompt.innerText()).toContain('Чтобы записаться, войдите в аккаунт');
    await prompt.getByRole('link', { name: 'Зарегистрироваться' }).click();

    const signUp = new SignUpPage(page);
    await page.getByTestId('sign-up-page').waitFor();
    await signUp.signUp(`visitor@example.ru`, 'запись-к-врачу-2026', 'Евгения');
    await booking.submitButton.waitFor({ timeout: 30_000 });
    expect(await booking.time(ticketId).getAttribute('aria-pressed')).toBe('true');
    expect(await booking.nameInput.inputValue()).toBe('Евгения');
    await booking.confirm(PHONE);
    await booking.waitForResult();
    await booking.waitForStatus('confirmed');
    expect((await storedBookings()).filter((b) => b.ticketId === ticketId).map((b) => b.status)).toEqual(['confirmed']);
  });

  it('keeps the chosen town’s free times on the device: a clinic never opened shows them offline, with their age', async () => {
    const page = await pages.newPage();
    const home = new HomePage(page);
    await home.goto(test.server.url);
    await home.waitForServiceWorker();
    await home.chooseScope({ town: 'Калуга' });
    await page.waitForFunction(
      () => localStorage.getItem('poisklinik:tickets:pulledAt:town:kaluga') !== null,
      undefined,
      {
        timeout: 60_000,
      },
    );

    await page.context().setOffline(true);
    await page.goto(`${test.server.url}/clinic/${UNOPENED_CLINIC_ID}`);
    // The star keeps a clinic's tickets on the device; it stays starred across reloads (offline too).
    const star = page.getByTestId('favourite-star');
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    await star.click();
    await page.reload();
    await star.and(page.locator('[aria-pressed="true"]')).waitFor();

    await page.getByTestId('book-link').click();
    const booking = new BookingPage(page);
    await booking.pickSpecialty();
    expect(await booking.days.count()).toBeGreaterThan(0);
    expect(await booking.ticketsAge.innerText()).toMatch(/^Свободное время: данные на \d{2}:\d{2}$/);
    // Offline, nothing was pulled for this clinic itself: what it shows came with the town.
    expect(
      await page.evaluate((id) => localStorage.getItem(`poisklinik:tickets:pulledAt:clinic:${id}`), UNOPENED_CLINIC_ID),
    ).toBeNull();
    await page.context().setOffline(false);
  });

  it('cancels in Мои записи: the ticket is free again in the store and its time is offered again', async () => {
    const page = await signedUpPatient('Дарья');
    const booking = new BookingPage(page);
    await booking.openFromClinic(test.server.url, CLINIC_ID);
    const { ticketId, specialty } = await pickFirstFreeTime(booking);
    await booking.confirm(PHONE);
    await booking.waitForResult();
    await booking.waitForStatus('confirmed');

    const myBookings = new MyBookingsPage(page);
    await myBookings.openFromHeader();
    const card = myBookings.upcomingCards;
    await myBookings.cancel(card);
    await myBookings.waitForCardStatus(card, 'cancelled');
    expect(await card.innerText()).toContain('отменена');
    await eventually(
      () => storedTicket(ticketId),
      (t) => t?.status === 'free',
      'the cancelled ticket freed in the store',
    );
    const stored = (await storedBookings()).filter((b) => b.ticketId === ticketId);
    expect(stored.map((b) => b.status)).toEqual(['cancelled']);

    await booking.openFromClinic(test.server.url, CLINIC_ID);
    await booking.pickSpecialty(specialty);
    await booking.pickFirstDay();
    await booking.time(ticketId).waitFor({ timeout: 60_000 });
  });
});
