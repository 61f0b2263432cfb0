// Towns (with their districts) and specialties, written by admins straight into the catalogue databases, from
// which every device replicates them. The catalogue's own schema is the last word on what is stored.
import {
  fromWireDoc,
  specialtySchema,
  toWireDoc,
  townSchema,
  type DeletedAnswer,
  type Specialty,
  type SpecialtyWriteBody,
  type Town,
  type TownWriteBody,
} from '@poisklinik/shared';
import type { AuthContext } from '../auth/auth-context';
import { schemaErrors } from '../accounts/body-validator';
import { badRequest, forbidden, HttpError, notFound } from '../http/http-error';
import type { NewDoc, Store, StoreDatabase, StoredDoc } from '../store/store.types';
import { clinicsUsing } from './catalogue-usage';

const MAX_ATTEMPTS = 5;

function requireAdmin(actor: AuthContext): void {
  if (!actor.roles.includes('admin')) throw forbidden('This needs the admin role.');
}

function inUse(what: string, usage: { count: number; examples: string[] }): HttpError {
  return new HttpError(
    409,
    'in_use',
    `${what} is used by ${usage.count} clinic(s), e.g. ${usage.examples.join(', ')}; change those clinics first.`,
  );
}

const changedMeanwhile = (): HttpError => new HttpError(409, 'conflict', 'It changed meanwhile; read it again.');

export class AdminCatalogueService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private db(name: 'towns' | 'specialties' | 'clinics'): Promise<StoreDatabase> {
    return this.store.database(name);
  }

  async listTowns(): Promise<Town[]> {
    return this.#all<Town>('towns');
  }

  async listSpecialties(): Promise<Specialty[]> {
    return this.#all<Specialty>('specialties');
  }

  /** Creates or replaces a town; a district that clinics still name cannot be dropped. */
  /** `body` was checked against `townWriteBodySchema` by the route. */
  async putTown(actor: AuthContext, townId: string, body: TownWriteBody): Promise<Town> {
    requireAdmin(actor);
    if (body.id !== undefined && body.id !== townId) throw badRequest('/id must match the town id in the path');
    const districtIds = body.districts.map((d) => d.id);
    if (new Set(districtIds).size !== districtIds.length) throw badRequest('/districts must not repeat an id');
    const town = { ...body, id: townId, updatedAt: new Date(this.now()).toISOString() } satisfies Town;
    const problem = schemaErrors(townSchema, town);
    if (problem !== null) throw badRequest(`Invalid town: ${problem}`);
    const towns = await this.db('towns');
    const current = await towns.get(townId);
    const dropped = new Set(
      current
        ? fromWireDoc<Town>(current as never)
            .districts.map((d) => d.id)
            .filter((id) => !districtIds.includes(id))
        : [],
    );
    if (dropped.size > 0) {
      const usage = await clinicsUsing(
        await this.db('clinics'),
        (c) => c.townId === townId && dropped.has(c.districtId),
      );
      if (usage.count > 0) throw inUse(`A district of ${townId} (${[...dropped].join(', ')})`, usage);
    }
    await this.#write(towns, toWireDoc(town), current);
    return town;
  }

  async deleteTown(actor: AuthContext, townId: string): Promise<DeletedAnswer> {
    requireAdmin(actor);
    const usage = await clinicsUsing(await this.db('clinics'), (c) => c.townId === townId);
    if (usage.count > 0) throw inUse(`Town ${townId}`, usage);
    return this.#delete(await this.db('towns'), townId);
  }

  /** `body` was checked against `specialtyWriteBodySchema` by the route. */
  async putSpecialty(actor: AuthContext, code: string, body: SpecialtyWriteBody): Promise<Specialty> {
    requireAdmin(actor);
    if (body.id !== undefined && body.id !== code) throw badRequest('/id must match the specialty code in the path');
    const specialty = { ...body, id: code, updatedAt: new Date(this.now()).toISOString() } satisfies Specialty;
    const problem = schemaErrors(specialtySchema, specialty);
    if (problem !== null) throw badRequest(`Invalid specialty: ${problem}`);
    const specialties = await this.db('specialties');
    await this.#write(specialties, toWireDoc(specialty), await specialties.get(code));
    return specialty;
  }

  async deleteSpecialty(actor: AuthContext, code: string): Promise<DeletedAnswer> {
    requireAdmin(actor);
    const usage = await clinicsUsing(await this.db('clinics'), (c) => c.specialtyCodes.includes(code));
    if (usage.count > 0) throw inUse(`Specialty ${code}`, usage);
    return this.#delete(await this.db('specialties'), code);
  }

  async #all<T extends { id: string }>(name: 'towns' | 'specialties'): Promise<T[]> {
    const { rows } = await (await this.db(name)).allDocs({ includeDocs: true });
    return rows.flatMap((row) =>
      'doc' in row && row.doc && !row.id.startsWith('_') ? [fromWireDoc<T>(row.doc as never)] : [],
    );
  }

  /** Revision-checked against what was read: an admin's write never silently overwrites another's. */
  async #write(db: StoreDatabase, doc: NewDoc, current: StoredDoc | null): Promise<void> {
    const written = await db.put(current ? { ...doc, _rev: current._rev } : doc);
    if (!written.ok) throw changedMeanwhile();
  }

  async #delete(db: StoreDatabase, id: string): Promise<DeletedAnswer> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await db.get(id);
      if (!current) throw notFound(`No such document: ${id}`);
      if ((await db.put({ _id: id, _rev: current._rev, _deleted: true })).ok) return { ok: true, id };
    }
    throw changedMeanwhile();
  }
}
