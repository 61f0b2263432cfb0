/**
 * Public API of `@poisklinik/sync-server`, used by `main.ts` and by the web package's e2e tests, which start a
 * real server in-process and then change the catalogue directly through the store to watch live sync:
 *
 *   const server = await createServer({ port: 0, dataDir: tmpDir, webRoot, logLevel: 'warn' });
 *   // server.url === 'http://127.0.0.1:<port>'; replication URL: collectionUrl(server.url, 'clinics')
 *   const clinics = await server.store.database('clinics');
 *   const doc = await clinics.get(id);                       // wire doc: `_id` = clinic id, `_rev`
 *   await clinics.put({ ...doc, name: 'New name', updatedAt: new Date().toISOString() });
 *   await server.close();
 *
 * Benchmarks: `startScaleServer({ clinics: 100_000, seed: 1, server: { port: 0 } })` is a server preloaded with a
 * generated catalogue (data dir cached per seed and count under `<repo>/.data/bench-<seed>-<n>`).
 *
 * `createServer(overrides?: Partial<ServerConfig>)` fills missing fields from `defaultConfig()` (not from env);
 * `loadConfig(env?)` reads env. Keep these signatures stable: other packages depend on them.
 */
export { createServer, BODY_LIMIT_BYTES, type SyncServer } from './server';
export { loadConfig, defaultConfig, ConfigError, logLevels, type ServerConfig, type LogLevel } from './config';
export { importDemoData, DemoDataError, type ImportSummary, type ImportCounts } from './catalogue/demo-import.service';
export { createSchemaValidator, type SchemaValidator, type ValidationResult } from './catalogue/schema-validator';
export { startScaleServer, benchDataDir, type ScaleServer, type ScaleServerOptions } from './scale/scale-server';
export { generateScaleDataset, type ScaleDataset, type GenerateOptions } from './scale/clinic-generator';
export type {
  Store,
  StoreDatabase,
  StoredDoc,
  NewDoc,
  WriteResult,
  Seq,
  ChangesOptions,
  ChangesResult,
} from './store/store.types';
