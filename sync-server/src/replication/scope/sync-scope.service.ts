import { scopedCollections, type CatalogueCollection } from '@poisklinik/shared';
import type { Store, StoreDatabase } from '../../store/store.types';
import { notFound } from '../../http/http-error';
import { ClinicTownIndex } from './clinic-town-index';
import { ScopedDatabase } from './scoped-database';
import { ScopeTowns } from './scope-towns';

/**
 * Town scopes (`/db/scope/<townId>/clinics/`): the clinics whose town centre lies within SCOPE_RADIUS_KM of the
 * chosen town's centre. One per server: the town centres and the clinic→town index are shared by every scope.
 */
export class SyncScopeService {
  private readonly towns: ScopeTowns;
  private readonly index: ClinicTownIndex;

  constructor(private readonly store: Store) {
    this.towns = new ScopeTowns(() => store.database('towns'));
    this.index = new ClinicTownIndex(() => store.database('clinics'));
  }

  /** Town ids a town scope covers; 404 for an unknown town. The ticket feeds scope by the same towns. */
  townsInScope(townId: string): Promise<ReadonlySet<string>> {
    return this.towns.townsInScope(townId);
  }

  /** 404 for a collection that is not scoped (it replicates whole from `/db/<c>/`) and for an unknown town. */
  async database(collection: CatalogueCollection, townId: string): Promise<StoreDatabase> {
    if (!(scopedCollections as readonly string[]).includes(collection)) {
      throw notFound(`${collection} is not scoped: replicate it from /db/${collection}/`);
    }
    const towns = await this.towns.townsInScope(townId);
    return new ScopedDatabase(await this.store.database(collection), towns, this.index);
  }
}
