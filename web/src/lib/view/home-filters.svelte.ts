import type { ClinicFilter, Ownership } from '@poisklinik/shared';

/**
 * Filter choices of the home list. Module-level so they survive a visit to a clinic page and back; '' means
 * "any" because that is what an HTML select's empty option yields.
 */
export class HomeFilters {
  text = $state('');
  specialtyCode = $state('');
  townId = $state('');
  districtId = $state('');
  ownership = $state<Ownership | ''>('');
  roundTheClockOnly = $state(false);

  /** Districts belong to a town, so a district choice makes no sense once the town changes. */
  setTown(townId: string): void {
    if (townId === this.townId) return;
    this.townId = townId;
    this.districtId = '';
  }

  get active(): boolean {
    return Boolean(
      this.text.trim() ||
      this.specialtyCode ||
      this.townId ||
      this.districtId ||
      this.ownership ||
      this.roundTheClockOnly,
    );
  }

  reset(): void {
    this.text = '';
    this.specialtyCode = '';
    this.townId = '';
    this.districtId = '';
    this.ownership = '';
    this.roundTheClockOnly = false;
  }

  toFilter(): ClinicFilter {
    return {
      text: this.text.trim() || undefined,
      specialtyCode: this.specialtyCode || undefined,
      townId: this.townId || undefined,
      districtId: this.districtId || undefined,
      ownership: this.ownership || undefined,
      roundTheClockOnly: this.roundTheClockOnly,
    };
  }
}

export const homeFilters = new HomeFilters();
