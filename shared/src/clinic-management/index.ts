export * from './clinic-draft.schema';
