export * from './ticket.schema';
export * from './booking.schema';
export * from './ticket-slots';
