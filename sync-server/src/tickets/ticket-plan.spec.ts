import { describe, expect, it } from 'vitest';
import type { TicketSlot } from '@poisklinik/shared';
import { planClinic, planTicket } from './ticket-plan';
import type { TicketDoc } from './ticket-doc';

const NOW = Date.parse('2026-11-30T05:00:00Z');
const clock = { nowMs: NOW, purgeBeforeMs: NOW - 3 * 86_400_000 };

function slot(localTime: string, startsAt: string, minutes = 30): TicketSlot {
  return {
    id: `c1.therapist.20261201-${localTime.replace(':', '')}`,
    clinicId: 'c1',
    townId: 'msk',
    specialtyCode: 'therapist',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(),
    localDate: '2026-12-01',
    localTime,
  };
}

function stored(s: TicketSlot, fields: Partial<TicketDoc> = {}): TicketDoc & { _rev: string } {
  const { id, ...rest } = s;
  return { _id: id, _rev: '3-abc', ...rest, status: 'free', version: 3, updatedAt: '2026-11-01T00:00:00Z', ...fields };
}

const future = slot('09:00', '2026-12-01T06:00:00.000Z');
const past = { ...slot('09:00', '2026-11-29T06:00:00.000Z'), id: 'c1.therapist.20261129-0900' };
const longAgo = { ...slot('09:00', '2026-11-20T06:00:00.000Z'), id: 'c1.therapist.20261120-0900' };

describe('planTicket', () => {
  it('never touches a booked ticket: not when its slot is gone, changed or past', () => {
    for (const s of [future, past, longAgo]) {
      const booked = stored(s, { status: 'booked', bookingId: 'uaaaaaaaaaaaaaaaaaaaa.k1' });
      expect(planTicket(booked, undefined, clock)).toBeNull();
      expect(planTicket(booked, { ...s, endsAt: '2026-12-01T07:00:00.000Z' }, clock)).toBeNull();
    }
  });

  it('creates a missing slot as free, version 1', () => {
    expect(planTicket(null, future, clock)).toEqual({
      kind: 'created',
      doc: { ...stored(future, { version: 1, updatedAt: new Date(NOW).toISOString() }), _rev: undefined },
    });
  });

  it('removes a future free ticket the schedule dropped, keeping its body in the tombstone, with its _rev', () => {
    expect(planTicket(stored(future), undefined, clock)).toMatchObject({
      kind: 'removed',
      doc: { _id: future.id, _rev: '3-abc', _deleted: true, clinicId: 'c1', status: 'free' },
    });
  });

  it('closes a past free ticket (version + 1) and later purges it', () => {
    expect(planTicket(stored(past), undefined, clock)).toMatchObject({
      kind: 'closed',
      doc: { _rev: '3-abc', status: 'closed', version: 4 },
    });
    expect(planTicket(stored(past, { status: 'closed' }), undefined, clock)).toBeNull();
    expect(planTicket(stored(longAgo, { status: 'closed' }), undefined, clock)).toMatchObject({ kind: 'purged' });
  });

  it('gives a changed slot length to the same ticket and leaves an unchanged one alone', () => {
    expect(planTicket(stored(future), future, clock)).toBeNull();
    const longer = slot('09:00', future.startsAt, 45);
    expect(planTicket(stored(future), longer, clock)).toMatchObject({
      kind: 'updated',
      doc: { _rev: '3-abc', endsAt: longer.endsAt, version: 4, status: 'free' },
    });
  });
});

describe('planClinic', () => {
  it('pairs stored tickets with slots by id: one change per id, nothing for what already matches', () => {
    const other = slot('09:30', '2026-12-01T06:30:00.000Z');
    const changes = planClinic([stored(future)], [future, other], clock);
    expect(changes.map((c) => [c.kind, c.doc._id])).toEqual([['created', other.id]]);
  });
});
