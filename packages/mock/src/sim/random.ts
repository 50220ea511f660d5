/** A small seeded PRNG (mulberry32), so ids and tokens repeat from run to run for a given seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';

// Item, connector and tag ids share one increasing sequence of 19-digit numeric strings, like Miro's,
// so sorting by id is creation order and cursors can point at an id.
const ITEM_ID_BASE = 3458764500000000000n;
// User, team and organization ids stay below 2^53 so the integer ids in `InvitationResult` parse exactly.
const USER_ID_BASE = 3074457350000000;

export class IdFactory {
  private itemSeq = 0;
  private userSeq = 0;

  constructor(private readonly random: Random) {}

  itemId(): string {
    this.itemSeq += 1;
    return (ITEM_ID_BASE + BigInt(this.itemSeq) * 1000n + BigInt(this.random.int(1000))).toString();
  }

  userId(): string {
    this.userSeq += 1;
    return String(USER_ID_BASE + this.userSeq * 100 + this.random.int(100));
  }

  /** Board ids look like Miro's: 12 characters of base64 ending in `=`. */
  boardId(): string {
    return `uXjV${this.random.chars(BASE64URL, 7)}=`;
  }

  /** A version 4 UUID drawn from the seeded generator (export jobs and tasks are named by UUIDs). */
  uuid(): string {
    const hex = this.random.chars(HEX, 32).split('');
    hex[12] = '4';
    hex[16] = '89ab'[this.random.int(4)] as string;
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  token(prefix: string): string {
    return `${prefix}_${this.random.chars(HEX, 40)}`;
  }
}
