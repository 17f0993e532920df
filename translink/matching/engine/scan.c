/* Translink's similarity scan: every int8 row's dot product with an int16 query.

   out[i] = (double) sum_j codes[i * dimension + j] * query[j] * scales[i] * query_scale,
   rounded once to float32. The integer sum is exact (the caller keeps
   dimension * 127 * max|query| below 2**31), so the only error the scan adds to the
   quantization's is that one rounding. Plain C, built by `make` (see kernel.py) and called
   through ctypes, which lets go of the GIL: Python runs one call per core on a slice.

   Three versions of the same loop: AVX-512 VNNI (32 products a step, summed in one
   instruction), AVX2 (16 a step) and portable C. translink_scan_level() names the best
   this processor runs; the caller asks once and passes it to every translink_scan(). */

#include <stddef.h>
#include <stdint.h>

/* kernel.py passes a hash of this file and the flags, and loads no library whose answer
   differs: a library built from an older scan.c is never called. */
#ifndef TRANSLINK_SCAN_SOURCE
#define TRANSLINK_SCAN_SOURCE "unstamped"
#endif

const char *translink_scan_source(void) { return TRANSLINK_SCAN_SOURCE; }

static int32_t tail(const int8_t *row, const int16_t *query, size_t from, size_t dimension) {
    int32_t sum = 0;
    for (size_t j = from; j < dimension; j++) sum += (int32_t)row[j] * (int32_t)query[j];
    return sum;
}

static void scan_portable(const int8_t *codes, const float *scales, size_t rows,
                          size_t dimension, const int16_t *query, double query_scale,
                          float *out) {
    for (size_t i = 0; i < rows; i++) {
        int32_t sum = tail(codes + i * dimension, query, 0, dimension);
        out[i] = (float)((double)sum * (double)scales[i] * query_scale);
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

__attribute__((target("avx2"))) static void scan_avx2(const int8_t *codes, const float *scales,
                                                      size_t rows, size_t dimension,
                                                      const int16_t *query, double query_scale,
                                                      float *out) {
    size_t whole = dimension - dimension % 16;
    for (size_t i = 0; i < rows; i++) {
        const int8_t *row = codes + i * dimension;
        __m256i sums = _mm256_setzero_si256();
        for (size_t j = 0; j < whole; j += 16) {
            __m256i code = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + j)));
            __m256i q = _mm256_loadu_si256((const __m256i *)(query + j));
            sums = _mm256_add_epi32(sums, _mm256_madd_epi16(code, q));
        }
        __m128i half = _mm_add_epi32(_mm256_castsi256_si128(sums),
                                     _mm256_extracti128_si256(sums, 1));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, 0x4e));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, 0xb1));
        int32_t sum = _mm_cvtsi128_si32(half) + tail(row, query, whole, dimension);
        out[i] = (float)((double)sum * (double)scales[i] * query_scale);
    }
}

__attribute__((target("avx512f,avx512bw,avx512vnni"))) static void scan_vnni(
    const int8_t *codes, const float *scales, size_t rows, size_t dimension,
    const int16_t *query, double query_scale, float *out) {
    size_t whole = dimension - dimension % 32;
    for (size_t i = 0; i < rows; i++) {
        const int8_t *row = codes + i * dimension;
        __m512i sums = _mm512_setzero_si512();
        for (size_t j = 0; j < whole; j += 32) {
            __m512i code = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(row + j)));
            __m512i q = _mm512_loadu_si512((const void *)(query + j));
            sums = _mm512_dpwssd_epi32(sums, code, q);
        }
        int32_t sum = _mm512_reduce_add_epi32(sums) + tail(row, query, whole, dimension);
        out[i] = (float)((double)sum * (double)scales[i] * query_scale);
    }
}
#endif

typedef void (*scan_fn)(const int8_t *, const float *, size_t, size_t, const int16_t *, double,
                        float *);

/* The best loop this processor runs: 2 AVX-512 VNNI, 1 AVX2, 0 portable C. */
int translink_scan_level(void) {
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bw")) return 2;
    if (__builtin_cpu_supports("avx2")) return 1;
#endif
    return 0;
}

/* Rows first .. first + rows of the table, written to out[first ..], by the loop of
   ``level`` (at most translink_scan_level(); the caller asks once and keeps the answer). */
void translink_scan(int level, const int8_t *codes, const float *scales, size_t first,
                    size_t rows, size_t dimension, const int16_t *query, double query_scale,
                    float *out) {
    scan_fn scan = scan_portable;
#if defined(__x86_64__) && defined(__GNUC__)
    if (level >= 2) scan = scan_vnni;
    else if (level == 1) scan = scan_avx2;
#endif
    scan(codes + first * dimension, scales + first, rows, dimension, query, query_scale,
         out + first);
}
