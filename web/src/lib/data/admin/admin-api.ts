import {
  adminRoutes,
  type AccountView,
  type AdminBookingsAnswer,
  type AdminBookingsQuery,
  type AdminCancelBody,
  type AdminMailAnswer,
  type AdminReviewsAnswer,
  type AdminReviewsQuery,
  type AdminTicketsAnswer,
  type AdminTicketsQuery,
  type ConflictSweepStats,
  type DeletedAnswer,
  type ManagedClinicList,
  type ReviewModerationBody,
  type Role,
  type SchedulerRun,
  type SchedulerRunsAnswer,
  type Specialty,
  type SpecialtyWriteBody,
  type SyncHealth,
  type Town,
  type TownWriteBody,
} from '@poisklinik/shared';
import { adminCall, withQuery, type AdminResult } from './admin-http';

/** The admin dashboard's REST client: one typed function per endpoint, every answer an `AdminResult`. */
export const adminApi = {
  syncHealth: () => adminCall<SyncHealth>('GET', adminRoutes.syncHealth),
  conflictSweeps: () => adminCall<ConflictSweepStats>('GET', adminRoutes.conflictSweeps),

  users: (email: string, limit = 50) =>
    adminCall<{ users: AccountView[] }>('GET', withQuery(adminRoutes.users, { email, limit })),
  setRoles: (userId: string, roles: Role[]) => adminCall<AccountView>('PUT', adminRoutes.userRoles(userId), { roles }),
  setDisabled: (userId: string, disabled: boolean) =>
    adminCall<AccountView>('POST', adminRoutes.userDisabled(userId), { disabled }),

  schedulerRuns: (limit = 20) => adminCall<SchedulerRunsAnswer>('GET', withQuery(adminRoutes.schedulerRuns, { limit })),
  runScheduler: () => adminCall<SchedulerRun>('POST', adminRoutes.schedulerRuns),

  bookings: (query: AdminBookingsQuery) =>
    adminCall<AdminBookingsAnswer>('GET', withQuery(adminRoutes.bookings, query)),
  cancelBooking: (bookingId: string, body: AdminCancelBody) =>
    adminCall<unknown>('POST', adminRoutes.bookingCancel(bookingId), body),

  tickets: (query: AdminTicketsQuery) => adminCall<AdminTicketsAnswer>('GET', withQuery(adminRoutes.tickets, query)),
  mail: (skip = 0, limit = 50) => adminCall<AdminMailAnswer>('GET', withQuery(adminRoutes.mail, { skip, limit })),

  reviews: (query: AdminReviewsQuery) => adminCall<AdminReviewsAnswer>('GET', withQuery(adminRoutes.reviews, query)),
  moderateReview: (reviewId: string, body: ReviewModerationBody) =>
    adminCall<unknown>('POST', adminRoutes.reviewModeration(reviewId), body),

  clinics: (q: string, limit = 50) =>
    adminCall<ManagedClinicList>('GET', withQuery(adminRoutes.manageClinics, { all: 1, q, limit })),
  addManager: (clinicId: string, userId: string) =>
    adminCall<unknown>('PUT', adminRoutes.clinicManager(clinicId, userId)),
  removeManager: (clinicId: string, userId: string) =>
    adminCall<unknown>('DELETE', adminRoutes.clinicManager(clinicId, userId)),

  towns: () => adminCall<{ towns: Town[] }>('GET', adminRoutes.towns),
  saveTown: (townId: string, body: TownWriteBody) => adminCall<Town>('PUT', adminRoutes.town(townId), body),
  deleteTown: (townId: string) => adminCall<DeletedAnswer>('DELETE', adminRoutes.town(townId)),
  specialties: () => adminCall<{ specialties: Specialty[] }>('GET', adminRoutes.specialties),
  saveSpecialty: (code: string, body: SpecialtyWriteBody) =>
    adminCall<Specialty>('PUT', adminRoutes.specialty(code), body),
  deleteSpecialty: (code: string) => adminCall<DeletedAnswer>('DELETE', adminRoutes.specialty(code)),
};

export type { AdminResult };
