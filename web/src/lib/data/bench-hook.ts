import type { Clinic } from '@poisklinik/shared';
import type { RxCollection } from 'rxdb';
import type { ClinicSearchParams, ClinicSearchResult } from './clinic-search.types';

/** Set to '1' (by the benchmark, before the app starts) to expose the hook; never set by the app itself. */
export const BENCH_FLAG_KEY = 'poisklinik:bench';

export type BenchHook = {
  /** The same search the list calls, on the app's own index. */
  search(params: ClinicSearchParams): ClinicSearchResult;
  size(): number;
  /** The RxDB collection the index is built from, for the RxDB-query comparison. */
  clinics(): Promise<RxCollection<Clinic>>;
};

/**
 * `pnpm bench` measures the app's real index and RxDB collection inside the running app, not a copy built for
 * the benchmark. The hook costs one localStorage read at start and exists only when the flag is set.
 */
export function installBenchHook(hook: BenchHook): void {
  try {
    if (localStorage.getItem(BENCH_FLAG_KEY) !== '1') return;
  } catch {
    return; // storage blocked: no benchmark here
  }
  Object.assign(window, { __poisklinikBench: hook });
}
