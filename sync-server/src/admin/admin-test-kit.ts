// Test-side: a real server with an admin (from config, as in production), a manager and a patient signed in.
import { afterAll, beforeAll, vi } from 'vitest';
import { accountRoutes } from '@poisklinik/shared';
import { defaultRateLimits } from '../auth/rate-limits';
import { call, signIn, signUp, type TestSession } from '../authz/session-client';
import type { ServerConfig } from '../config';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';

export const ADMIN_EMAIL = 'admin@example.ru';
export const ADMIN_PASSWORD = 'admin passphrase for tests';

export type AdminWorld = {
  env: TestEnv;
  server: SyncServer;
  admin: TestSession;
  manager: TestSession;
  patient: TestSession;
  /** Each actor (null = anonymous) with its name, for authorisation tables. */
  others: { name: string; session: TestSession | null; status: number }[];
};

export async function adminWorld(overrides: Partial<ServerConfig> = {}): Promise<AdminWorld> {
  const env = await createTestEnv();
  const server = await env.start({
    scheduler: false,
    conflictSweepMs: 0,
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
    rateLimits: { ...defaultRateLimits(), signUpPerIp: { max: 1000, windowMs: 60_000 } },
    ...overrides,
  });
  const admin = await signIn(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  const manager = await signUp(server, 'manager@example.ru', 'manager passphrase 1', 'Мария Менеджер');
  const granted = await call(server, admin, 'PUT', accountRoutes.adminUserRoles(manager.userId), {
    roles: ['manager'],
  });
  if (granted.status !== 200) throw new Error(`manager role not granted: ${JSON.stringify(granted.body)}`);
  const patient = await signUp(server, 'patient@example.ru', 'patient passphrase 1', 'Пётр Пациент');
  return {
    env,
    server,
    admin,
    manager,
    patient,
    others: [
      { name: 'anonymous', session: null, status: 401 },
      { name: 'patient', session: patient, status: 403 },
      { name: 'manager', session: manager, status: 403 },
    ],
  };
}

/**
 * A suite's usual set-up: one admin world for the whole file (a real server is slow to start), started before its
 * tests and cleaned up after them. Call it at the top of the file; the world it returns reads through to the started
 * one, so it may be used inside hooks and tests only (before `beforeAll` it throws instead of handing out undefined).
 */
export function useAdminWorld(overrides: Partial<ServerConfig> = {}): AdminWorld {
  vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
  let world: AdminWorld | undefined;
  beforeAll(async () => {
    world = await adminWorld(overrides);
  });
  afterAll(async () => {
    await world?.env.cleanup();
  });
  const started = (): AdminWorld => {
    if (!world) throw new Error('the admin world is not up yet: use it inside a hook or a test');
    return world;
  };
  return {
    get env() {
      return started().env;
    },
    get server() {
      return started().server;
    },
    get admin() {
      return started().admin;
    },
    get manager() {
      return started().manager;
    },
    get patient() {
      return started().patient;
    },
    get others() {
      return started().others;
    },
  } satisfies AdminWorld;
}
