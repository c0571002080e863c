// SHA-256 (FIPS 180-4) for the page's hash worker, compiled to WebAssembly by build.sh.
//
// Hand-written instead of hash-wasm (the library the page used before) for a measured reason: in Chromium 156's workers this
// hashes ~10 % faster (two workers hashing the same 256 MiB side by side, median of 12 pairs; bench/analysis.md §Page instant
// upload), and the page's instant path costs exactly its hash. Where the time goes: the 64 rounds are scalar and serial; the message schedule
// (FIPS 180-4 §6.2.2 step 1) is computed four words at a time with wasm SIMD, together with W+K, before the rounds; the
// rounds accumulate into h (shorter dependency chains) and carry a^b into the next round's Maj (one operation fewer).
// Without SIMD (build.sh's scalar build, for engines that lack it) the schedule is the usual rolling 16-word window.
//
// Interface (exports): buffer() is where callers put input (chunkSize bytes) and find the digest; init(); update(length)
// hashes `length` bytes from the buffer; final() writes the 32-byte digest at the buffer's start.
#include <stddef.h>
#include <stdint.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define EXPORT(name) __attribute__((export_name(name)))
#define ROTR(x, n) __builtin_rotateright32((x), (n))

enum { chunkSize = 2 * 1024 * 1024 };

static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t state[8];
static uint64_t total;
static uint8_t pending[64];
static uint32_t pendingLength;
static uint8_t input[chunkSize] __attribute__((aligned(16)));

// FIPS 180-4 §4.1.2; Σ0 and Σ1 nested, so each needs one temporary (x86's ror is destructive).
#define BSIG0(a) ROTR(ROTR(ROTR(a, 9) ^ (a), 11) ^ (a), 2)
#define BSIG1(e) ROTR(ROTR(ROTR(e, 14) ^ (e), 5) ^ (e), 6)
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
// One round, FIPS 180-4 §6.2.2 step 3, as additions into h in this order (measured fastest in V8: h and W+K are ready first).
// Maj(a,b,c) = b ^ ((a^b) & (b^c)); this round's a^b is the next round's b^c.
#define ROUND(a, b, c, d, e, f, g, h, wk)                                                                                   \
    {                                                                                                                       \
        h += (wk);                                                                                                          \
        h += BSIG1(e);                                                                                                      \
        h += CH(e, f, g);                                                                                                   \
        d += h;                                                                                                             \
        uint32_t ab = (a) ^ (b);                                                                                            \
        h += BSIG0(a);                                                                                                      \
        h += (b) ^ (ab & bc);                                                                                               \
        bc = ab;                                                                                                            \
    }
#define ROUNDS8(i, WK)                                                                                                      \
    ROUND(a, b, c, d, e, f, g, h, WK(i))                                                                                    \
    ROUND(h, a, b, c, d, e, f, g, WK(i + 1))                                                                                \
    ROUND(g, h, a, b, c, d, e, f, WK(i + 2))                                                                                \
    ROUND(f, g, h, a, b, c, d, e, WK(i + 3))                                                                                \
    ROUND(e, f, g, h, a, b, c, d, WK(i + 4))                                                                                \
    ROUND(d, e, f, g, h, a, b, c, WK(i + 5))                                                                                \
    ROUND(c, d, e, f, g, h, a, b, WK(i + 6))                                                                                \
    ROUND(b, c, d, e, f, g, h, a, WK(i + 7))

#ifdef __wasm_simd128__
static inline v128_t rotr4(v128_t x, int n) { return wasm_v128_or(wasm_u32x4_shr(x, n), wasm_i32x4_shl(x, 32 - n)); }
static inline v128_t ssig0x4(v128_t x) { return wasm_v128_xor(wasm_v128_xor(rotr4(x, 7), rotr4(x, 18)), wasm_u32x4_shr(x, 3)); }
static inline v128_t ssig1x4(v128_t x) { return wasm_v128_xor(wasm_v128_xor(rotr4(x, 17), rotr4(x, 19)), wasm_u32x4_shr(x, 10)); }
static inline v128_t load_be(const uint8_t *p) {
    return wasm_i8x16_swizzle(wasm_v128_load(p), wasm_i8x16_const(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12));
}

// W[0..63] + K[0..63] for one block (FIPS 180-4 §6.2.2 step 1), four words per step. W[t+2] and W[t+3] need σ1 of W[t]
// and W[t+1] from the same step, so σ1 is applied in two halves.
static void schedule(const uint8_t *p, uint32_t *wk) {
    v128_t x0 = load_be(p), x1 = load_be(p + 16), x2 = load_be(p + 32), x3 = load_be(p + 48);
    wasm_v128_store(wk, wasm_i32x4_add(x0, wasm_v128_load(K)));
    wasm_v128_store(wk + 4, wasm_i32x4_add(x1, wasm_v128_load(K + 4)));
    wasm_v128_store(wk + 8, wasm_i32x4_add(x2, wasm_v128_load(K + 8)));
    wasm_v128_store(wk + 12, wasm_i32x4_add(x3, wasm_v128_load(K + 12)));
    const v128_t zero = wasm_i32x4_splat(0);
    for (int t = 16; t < 64; t += 4) {
        // x0..x3 hold W[t-16..t-1].
        v128_t w15 = wasm_i32x4_shuffle(x0, x1, 1, 2, 3, 4);
        v128_t w7 = wasm_i32x4_shuffle(x2, x3, 1, 2, 3, 4);
        v128_t w = wasm_i32x4_add(wasm_i32x4_add(x0, ssig0x4(w15)), w7);
        w = wasm_i32x4_add(w, wasm_i32x4_shuffle(ssig1x4(wasm_i32x4_shuffle(x3, x3, 2, 3, 2, 3)), zero, 0, 1, 4, 5));
        w = wasm_i32x4_add(w, wasm_i32x4_shuffle(zero, ssig1x4(wasm_i32x4_shuffle(w, w, 0, 1, 0, 1)), 0, 1, 6, 7));
        x0 = x1;
        x1 = x2;
        x2 = x3;
        x3 = w;
        wasm_v128_store(wk + t, wasm_i32x4_add(w, wasm_v128_load(K + t)));
    }
}
#define WK(i) wk[i]
#else
static inline uint32_t load_be32(const uint8_t *p) {
    uint32_t x;
    __builtin_memcpy(&x, p, 4);
    return __builtin_bswap32(x);
}
#define WK(i) (K[i] + ((i) < 16 ? w[i] : (w[(i) & 15] += SSIG1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + SSIG0(w[((i) - 15) & 15]))))
#endif

static void compress(const uint8_t *p, size_t blocks) {
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
    while (blocks--) {
#ifdef __wasm_simd128__
        uint32_t wk[64] __attribute__((aligned(16)));
        schedule(p, wk);
#else
        uint32_t w[16];
        for (int i = 0; i < 16; i++) w[i] = load_be32(p + 4 * i);
#endif
        uint32_t bc = b ^ c;
        ROUNDS8(0, WK) ROUNDS8(8, WK) ROUNDS8(16, WK) ROUNDS8(24, WK)
        ROUNDS8(32, WK) ROUNDS8(40, WK) ROUNDS8(48, WK) ROUNDS8(56, WK)
        a = state[0] += a;
        b = state[1] += b;
        c = state[2] += c;
        d = state[3] += d;
        e = state[4] += e;
        f = state[5] += f;
        g = state[6] += g;
        h = state[7] += h;
        p += 64;
    }
}

EXPORT("buffer") uint8_t *buffer(void) { return input; }

// FIPS 180-4 §5.3.3.
EXPORT("init") void init(void) {
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int i = 0; i < 8; i++) state[i] = initial[i];
    total = 0;
    pendingLength = 0;
}

EXPORT("update") void update(uint32_t length) {
    const uint8_t *p = input;
    if (length > chunkSize) length = chunkSize;
    total += length;
    if (pendingLength) {
        while (pendingLength < 64 && length) {
            pending[pendingLength++] = *p++;
            length--;
        }
        if (pendingLength < 64) return;
        compress(pending, 1);
        pendingLength = 0;
    }
    compress(p, length / 64);
    p += length & ~63u;
    length &= 63;
    for (uint32_t i = 0; i < length; i++) pending[i] = p[i];
    pendingLength = length;
}

// Padding, FIPS 180-4 §5.1.1: 0x80, zeros, then the message length in bits, big-endian, ending a block.
EXPORT("final") void final(void) {
    uint64_t bits = total * 8;
    pending[pendingLength++] = 0x80;
    if (pendingLength > 56) {
        while (pendingLength < 64) pending[pendingLength++] = 0;
        compress(pending, 1);
        pendingLength = 0;
    }
    while (pendingLength < 56) pending[pendingLength++] = 0;
    for (int i = 0; i < 8; i++) pending[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    compress(pending, 1);
    for (int i = 0; i < 8; i++) {
        input[4 * i] = (uint8_t)(state[i] >> 24);
        input[4 * i + 1] = (uint8_t)(state[i] >> 16);
        input[4 * i + 2] = (uint8_t)(state[i] >> 8);
        input[4 * i + 3] = (uint8_t)state[i];
    }
}

// clang lowers the copying and zeroing loops above to memcpy and memset; there is no libc here.
void *memcpy(void *destination, const void *source, size_t count) {
    uint8_t *to = destination;
    const uint8_t *from = source;
    while (count--) *to++ = *from++;
    return destination;
}

void *memset(void *destination, int value, size_t count) {
    uint8_t *to = destination;
    while (count--) *to++ = (uint8_t)value;
    return destination;
}
