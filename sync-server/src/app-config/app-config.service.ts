import { SYNC_CONTRACT_VERSION } from '@poisklinik/shared';

/** What the app learns at runtime instead of at build time, so one build runs against any deployment. */
export type AppConfig = { mapStyleUrl: string | null; syncContract: number };

/** `null` (not absent) for "no map style": the app then draws its map on a plain background. */
export function appConfig(settings: { mapStyleUrl: string | undefined }): AppConfig {
  return { mapStyleUrl: settings.mapStyleUrl ?? null, syncContract: SYNC_CONTRACT_VERSION };
}
