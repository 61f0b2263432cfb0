import type { FastifyInstance } from 'fastify';
import { AccountStore } from '../accounts/account.store';
import type { Store } from '../store/store.types';
import { ClinicCatalogue } from './clinic-catalogue';
import { ClinicManagementService } from './clinic-management.service';
import { registerClinicManagementRoutes } from './clinic-management.routes';
import { ClinicManagerAssignments } from './clinic-manager-assignments';
import { ClinicManagersStore } from './clinic-managers.store';

export type ClinicManagementOptions = {
  store: Store;
  now: () => number;
  /** The scheduler's per-clinic run (`TicketScheduler.runClinic`). */
  rescheduleClinic: (clinicId: string) => Promise<unknown>;
};

export type ClinicManagementModule = {
  service: ClinicManagementService;
  assignments: ClinicManagerAssignments;
  registerRoutes(app: FastifyInstance): void;
};

export async function createClinicManagement(options: ClinicManagementOptions): Promise<ClinicManagementModule> {
  const [catalogue, managers, accounts] = await Promise.all([
    ClinicCatalogue.open(options.store),
    ClinicManagersStore.open(options.store),
    AccountStore.open(options.store),
  ]);
  const service = new ClinicManagementService({
    catalogue,
    managers,
    now: options.now,
    // Rejected only while the scheduler stops (server shutdown); the save stands and the next full run catches up.
    rescheduleClinic: (clinicId) => options.rescheduleClinic(clinicId).catch(() => undefined),
  });
  const assignments = new ClinicManagerAssignments(accounts, catalogue, managers, options.now);
  return {
    service,
    assignments,
    registerRoutes: (app) => registerClinicManagementRoutes(app, service, assignments),
  };
}
