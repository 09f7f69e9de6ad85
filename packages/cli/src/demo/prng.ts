// A seeded pseudo-random generator for the demo municipality: xoshiro128** (Blackman & Vigna),
// seeded through splitmix32. Only 32-bit integer operations (Math.imul, shifts), so the same
// seed gives the same numbers on every machine and Node version — the demo's determinism rests
// on that. No Math.log/exp either: the generator compares uniforms with fixed hazards.

export interface Prng {
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform number in [0, 1). */
  float(): number;
  /** A uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** An approximately standard-normal number (Irwin–Hall: sum of 12 uniforms − 6). */
  normal(): number;
}

const TWO_POW_32 = 4_294_967_296;

/** splitmix32: spreads a small seed over 32 bits; used to fill xoshiro's state. */
const splitmix32 = (state: number): [number, number] => {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
};

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A xoshiro128** generator for `seed` (an integer; only its low 32 bits count). */
export const createPrng = (seed: number): Prng => {
  let sm = seed | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, value] = splitmix32(sm);
    sm = next;
    words.push(value);
  }
  let [s0, s1, s2, s3] = words as [number, number, number, number];
  // An all-zero state would stay zero; splitmix32 makes that practically impossible, but be sure.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const float = (): number => uint32() / TWO_POW_32;
  return {
    uint32,
    float,
    int: (min, max) => min + Math.floor(float() * (max - min + 1)),
    normal: () => {
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += float();
      return sum - 6;
    },
  };
};

/** The murmur3 finaliser: a bijection on 32-bit integers that mixes every input bit. */
export const fmix32 = (input: number): number => {
  let h = input >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hexByte = (n: number): string => HEX_BYTE[n & 0xff] ?? '00';
const hex8 = (n: number): string => hexByte(n >>> 24) + hexByte(n >>> 16) + hexByte(n >>> 8) + hexByte(n);

/**
 * A deterministic UUID (v4 layout) for the `counter`-th fact of a run with `seed`. The first
 * word is a bijection of the counter, so ids within one run never collide (below 2³² facts).
 */
export const demoUuid = (seed: number, counter: number): string => {
  const salt = fmix32(seed ^ 0x5bd1e995);
  const w0 = fmix32((counter ^ salt) >>> 0);
  const high = Math.floor(counter / TWO_POW_32);
  const w1 = fmix32((w0 ^ Math.imul(salt, 0x27d4eb2d) ^ high) >>> 0);
  const w2 = fmix32((w1 + 0x165667b1) >>> 0);
  const w3 = fmix32((w2 ^ salt ^ 0x9e3779b9) >>> 0);
  const a = hex8(w0);
  const b = hex8(w1);
  const c = hex8(w2);
  const d = hex8(w3);
  const variant = (8 | (w2 >>> 30)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
};
