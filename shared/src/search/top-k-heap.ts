/**
 * Bounded selection of the best `capacity` items by (primary, secondary, slot) ascending, kept in a binary
 * max-heap whose root is the worst kept item: a candidate worse than the root is rejected in O(1), so choosing
 * the top 50 of 100k candidates costs one comparison for most of them instead of a full sort.
 * Storage is typed arrays reused across queries.
 */
export class TopKHeap {
  private primary = new Float64Array(0);
  private secondary = new Float64Array(0);
  private slots = new Int32Array(0);
  private count = 0;
  private capacity = 0;

  reset(capacity: number): void {
    if (this.primary.length < capacity) {
      this.primary = new Float64Array(capacity);
      this.secondary = new Float64Array(capacity);
      this.slots = new Int32Array(capacity);
    }
    this.capacity = capacity;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** True when item a sorts after item b (is worse). */
  private worse(a: number, b: number): boolean {
    const p = this.primary;
    const s = this.secondary;
    // a and b are heap positions < count ≤ array length.
    if (p[a]! !== p[b]!) return p[a]! > p[b]!;
    if (s[a]! !== s[b]!) return s[a]! > s[b]!;
    return this.slots[a]! > this.slots[b]!;
  }

  offer(primary: number, secondary: number, slot: number): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      const i = this.count++;
      this.primary[i] = primary;
      this.secondary[i] = secondary;
      this.slots[i] = slot;
      this.siftUp(i);
      return;
    }
    const rp = this.primary[0]!;
    const rs = this.secondary[0]!;
    // Reject unless strictly better than the current worst (ties broken by slot, like the full sort).
    if (primary > rp || (primary === rp && (secondary > rs || (secondary === rs && slot > this.slots[0]!)))) return;
    this.primary[0] = primary;
    this.secondary[0] = secondary;
    this.slots[0] = slot;
    this.siftDown(0);
  }

  private swap(a: number, b: number): void {
    const p = this.primary[a]!;
    this.primary[a] = this.primary[b]!;
    this.primary[b] = p;
    const s = this.secondary[a]!;
    this.secondary[a] = this.secondary[b]!;
    this.secondary[b] = s;
    const t = this.slots[a]!;
    this.slots[a] = this.slots[b]!;
    this.slots[b] = t;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < this.count && this.worse(l, worst)) worst = l;
      if (r < this.count && this.worse(r, worst)) worst = r;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  /** Empties the heap, returning the kept slots best first. */
  drainSorted(): Int32Array {
    const out = new Int32Array(this.count);
    for (let k = this.count - 1; k >= 0; k--) {
      out[k] = this.slots[0]!;
      this.count--;
      if (this.count > 0) {
        this.swap(0, this.count);
        this.siftDown(0);
      }
    }
    return out;
  }
}
