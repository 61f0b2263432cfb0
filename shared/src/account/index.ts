export * from './account-rules';
export * from './profile.schema';
export * from './account-api.schema';
