export * from './review.schema';
export * from './review-admin';
