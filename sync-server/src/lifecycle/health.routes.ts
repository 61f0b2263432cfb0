// Probes for a load balancer and an orchestrator: `/healthz` says the process answers (restart it when not),
// `/readyz` says it should get traffic — the store answers, the demo import is done, and it is not shutting down.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.types';

export const HEALTHZ_PATH = '/healthz';
export const READYZ_PATH = '/readyz';
/** A store slower than this counts as unreachable: the balancer should try another instance. */
const STORE_PROBE_MS = 2_000;
/** Any database answers for the store; this one is small and every instance opens it. */
const PROBE_DB = 'leases';

export class Readiness {
  importDone = false;
  closing = false;
  /** `_changes` long-polls waiting on this instance: a balancer's view of its idle clients (and a test's cue). */
  longPolls: () => number = () => 0;

  constructor(
    private readonly store: Store,
    readonly instanceId: string,
  ) {}

  /** Null when ready, else why not (the 503 reason). */
  async problem(): Promise<string | null> {
    if (this.closing) return 'The server is shutting down.';
    if (!this.importDone) return 'The demo import is not done yet.';
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`The store did not answer within ${STORE_PROBE_MS} ms.`), STORE_PROBE_MS);
    });
    const probe = this.store
      .database(PROBE_DB)
      .then((db) => db.info())
      .then(
        () => null,
        (err: unknown) => `The store is not reachable: ${err instanceof Error ? err.message : String(err)}`,
      );
    try {
      return await Promise.race([probe, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const okSchema = { type: 'object', properties: { ok: { type: 'boolean' } } } as const;

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  const tags = ['app'];
  app.get(
    HEALTHZ_PATH,
    { schema: { summary: 'Liveness: the process answers', tags, response: { 200: okSchema } } },
    (_request, reply) => reply.send({ ok: true }),
  );
  const ready = {
    summary: 'Readiness: store reachable, import done, not shutting down',
    tags,
    response: {
      200: {
        ...okSchema,
        properties: { ...okSchema.properties, instance: { type: 'string' }, longPolls: { type: 'integer' } },
      },
      503: { description: 'Not ready (`error: not_ready`, the reason says why).', $ref: 'ErrorBody#' },
    },
  };
  app.get(READYZ_PATH, { schema: ready }, async (_request, reply) => {
    const problem = await readiness.problem();
    // Never cached: a balancer must see the change at once.
    void reply.header('cache-control', 'no-store');
    if (problem === null)
      return reply.send({ ok: true, instance: readiness.instanceId, longPolls: readiness.longPolls() });
    return reply.code(503).send({ error: 'not_ready', reason: problem });
  });
}
