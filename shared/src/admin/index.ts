export * from './admin-api';
export * from './admin-jobs.types';
