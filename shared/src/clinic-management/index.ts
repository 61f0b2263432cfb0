export * from './clinic-draft.schema';
export * from './clinic-rules';
