export * from './schema-parts';
export * from './clinic.schema';
export * from './specialty.schema';
export * from './town.schema';
export * from './geo';
export * from './opening-hours';
export * from './clinic-filter';
export * from './sync-contract';
