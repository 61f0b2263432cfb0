export * from './clinic-draft.schema';
export * from './clinic-rules';
export * from './manage-api.schema';
