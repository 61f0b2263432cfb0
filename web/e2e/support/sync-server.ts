import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type SyncServer } from '@poisklinik/sync-server';
import {
  catalogueCollections,
  isUserCollection,
  type CatalogueCollection,
  type UserCollection,
} from '@poisklinik/shared';

export type TestServer = { server: SyncServer; stop(): Promise<void> };

const webRoot = fileURLToPath(new URL('../../build', import.meta.url));

/**
 * A real sync server on a random port with a throw-away store and the demo catalogue, serving the built app.
 * `mapStyleUrl` configures a basemap for the map (unset: the map draws on a plain background); `smtpUrl` sends the
 * server's mail (password resets) to an SMTP server, e.g. the in-process capture of `@poisklinik/sync-server/test-support`;
 * `adminEmail` + `adminPassword` make that account an admin on start.
 */
export async function startSyncServer(
  options: { mapStyleUrl?: string; smtpUrl?: string; adminEmail?: string; adminPassword?: string } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'poisklinik-e2e-'));
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot,
    importDemoData: true,
    logLevel: 'warn',
    mapStyleUrl: options.mapStyleUrl,
    smtpUrl: options.smtpUrl,
    adminEmail: options.adminEmail,
    adminPassword: options.adminPassword,
  });
  return {
    server,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The store's current documents of a collection, as the test's independent source of truth. */
export async function storeDocs<T>(
  server: SyncServer,
  collection: CatalogueCollection,
): Promise<(T & { _id: string })[]> {
  if (!catalogueCollections.includes(collection)) throw new Error(`unknown collection ${collection}`);
  const db = await server.store.database(collection);
  const { rows } = await db.allDocs({ includeDocs: true });
  return rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as unknown as T & { _id: string }] : []));
}

/** Every ticket in the store (the scheduler's and the bookings' writes), with the server-only holder. */
export async function storeTickets<T>(server: SyncServer): Promise<(T & { _id: string })[]> {
  const db = await server.store.database('tickets');
  const { rows } = await db.allDocs({ includeDocs: true });
  return rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as unknown as T & { _id: string }] : []));
}

/** Every user's documents of a per-user collection (e.g. profiles), read from the store past any session check. */
export async function storeUserDocs<T>(
  server: SyncServer,
  collection: UserCollection,
): Promise<(T & { _id: string })[]> {
  if (!isUserCollection(collection)) throw new Error(`unknown collection ${String(collection)}`);
  const db = await server.store.database(collection);
  const { rows } = await db.allDocs({ includeDocs: true });
  return rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as unknown as T & { _id: string }] : []));
}
