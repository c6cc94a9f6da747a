/**
 * A map bounded by the total byte size of its values rather than by their count, evicting the least recently used
 * in the "second chance" way: a read only sets a flag, and eviction moves a flagged entry to the back instead of
 * dropping it. A hit then costs one Map lookup, not a delete and an insert, on the path that serves cached pages.
 */

interface Slot<V> {
  value: V;
  used: boolean;
}

export class ByteLru<V extends { bytes: number }> {
  private readonly entries = new Map<string, Slot<V>>();
  private used = 0;

  constructor(
    readonly maxBytes: number,
    private readonly onEvict: (key: string, value: V) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.used;
  }

  /** Returns the value and marks it as recently used. */
  get(key: string): V | undefined {
    const slot = this.entries.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores the value, evicting until the total fits; a value larger than the whole budget is not kept. */
  set(key: string, value: V): boolean {
    this.delete(key);
    if (value.bytes > this.maxBytes) return false;
    this.entries.set(key, { value, used: false });
    this.used += value.bytes;
    this.evictOverflow(key);
    return true;
  }

  delete(key: string): boolean {
    const slot = this.entries.get(key);
    if (slot === undefined) return false;
    this.entries.delete(key);
    this.used -= slot.value.bytes;
    this.onEvict(key, slot.value);
    return true;
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  private evictOverflow(newest: string): void {
    while (this.used > this.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done) return;
      const [key, slot] = oldest.value;
      if (slot.used || key === newest) {
        // Read since it was last considered (or just stored): keep it, as the most recent.
        slot.used = false;
        this.entries.delete(key);
        this.entries.set(key, slot);
      } else this.delete(key);
    }
  }
}
