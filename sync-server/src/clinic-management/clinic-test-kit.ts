// Shared by the clinic management specs: a server with an admin, two managers and a patient, and a valid draft.
import { accountRoutes, adminRoutes, type ClinicDraft, type ManagedClinic } from '@poisklinik/shared';
import { call, signIn, signUp, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';
import type { JsonResponse } from '../test-support/test-server';

export const ADMIN = { adminEmail: 'admin@example.ru', adminPassword: 'the admin passphrase 1' };

export type People = { admin: TestSession; owner: TestSession; other: TestSession; patient: TestSession };

export async function people(server: SyncServer): Promise<People> {
  const admin = await signIn(server, ADMIN.adminEmail, ADMIN.adminPassword);
  const [owner, other, patient] = await Promise.all([
    signUp(server, 'owner@example.ru', 'clinic owner passphrase 1'),
    signUp(server, 'other@example.ru', 'other manager passphrase 1'),
    signUp(server, 'patient@example.ru', 'patient passphrase 2026'),
  ]);
  for (const manager of [owner, other]) {
    const granted = await call(server, admin, 'PUT', accountRoutes.adminUserRoles(manager.userId), {
      roles: ['manager'],
    });
    if (granted.status !== 200) throw new Error(`role not granted: ${JSON.stringify(granted.body)}`);
  }
  return { admin, owner, other, patient };
}

/** A clinic in the fixture's Kaluga (district leninsky), Monday 09:00–13:00 for therapy. */
export function draft(overrides: Partial<ClinicDraft> = {}): ClinicDraft {
  return {
    name: 'Клиника «Новая»',
    address: 'ул. Кирова, 10, Калуга',
    location: { lat: 54.52, lon: 36.25 },
    townId: 'kaluga',
    districtId: 'leninsky',
    phone: '8 (4842) 12-34-56',
    site: 'https://new-clinic.example.ru',
    ownership: 'commercial',
    roundTheClock: false,
    hours: [{ day: 1, from: '08:00', to: '20:00' }],
    specialties: [{ code: '31.08.49', schedule: [{ day: 1, from: '09:00', to: '13:00' }] }],
    ...overrides,
  };
}

export const clinicPath = (id: string): string => adminRoutes.manageClinic(id);

export function saveClinic(
  server: SyncServer,
  who: TestSession | null,
  id: string,
  clinic: ClinicDraft,
  rev?: string,
): Promise<JsonResponse> {
  return call(server, who, 'PUT', clinicPath(id), { clinic, ...(rev === undefined ? {} : { rev }) });
}

/** Creates a clinic as `who` and answers it with its revision. */
export async function createClinic(
  server: SyncServer,
  who: TestSession,
  id: string,
  clinic: ClinicDraft = draft(),
): Promise<ManagedClinic> {
  const created = await saveClinic(server, who, id, clinic);
  if (created.status !== 201) throw new Error(`not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as ManagedClinic;
}
