export * from './ticket.schema';
export * from './booking.schema';
