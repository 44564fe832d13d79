/* Philox4x32-10 known answers and the keying of streams by purpose. */

#include <gsl/gsl_rng.h>

#include "bc_claim.h"
#include "bc_philox.h"
#include "bc_rng.h"
#include "bc_test.h"

/* Random123's published tests/kat_vectors, the three "philox4x32 10" lines:
 * counter (4 words), key (2 words), expected output (4 words). */
static const uint32_t kat[3][10] = {
	{0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
	 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
	{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
	 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
	{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
	 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
};

Test(rng, philox4x32_10_matches_published_known_answers)
{
	for (int i = 0; i < 3; i++) {
		uint32_t out[4];
		bc_rng_philox_block(kat[i], kat[i] + 4, out);
		for (int k = 0; k < 4; k++)
			cr_assert_eq(out[k], kat[i][6 + k], "vector %d word %d: %08x != %08x", i, k,
			             out[k], kat[i][6 + k]);
	}
}

/* The GSL adapter must hand out exactly the Philox words of the keyed counter. */
Test(rng, gsl_stream_is_the_philox_block_of_its_key)
{
	struct bc_stream_id id = {0x0123456789abcdefULL, 0xdeadbeef, BC_PURPOSE_MAIN, 7};
	gsl_rng *r = bc_rng_new();
	bc_rng_key(r, &id, 0x1200000005ULL);
	uint32_t ctr[4] = {0x00000005, 0x12 | BC_PURPOSE_MAIN << 8 | 7u << 16, 0xdeadbeef, 0};
	uint32_t key[2] = {0x89abcdef, 0x01234567}, out[4];
	bc_rng_philox_block(ctr, key, out);
	uint32_t got[4];
	for (int k = 0; k < 4; k++)
		got[k] = (uint32_t)gsl_rng_get(r);
	/* the adapter hands the block's words out from the last */
	for (int k = 0; k < 4; k++)
		cr_assert_eq(got[k], out[3 - k]);
	gsl_rng_free(r);
}

static unsigned long first_draw(uint64_t seed, uint32_t claim, enum bc_purpose purpose,
                                uint32_t point, uint64_t rep)
{
	struct bc_stream_id id = {seed, claim, purpose, point};
	gsl_rng *r = bc_rng_new();
	bc_rng_key(r, &id, rep);
	unsigned long x = gsl_rng_get(r);
	gsl_rng_free(r);
	return x;
}

Test(rng, every_key_component_changes_the_stream)
{
	unsigned long base = first_draw(1, 2, BC_PURPOSE_MAIN, 3, 4);
	cr_assert_eq(base, first_draw(1, 2, BC_PURPOSE_MAIN, 3, 4));
	cr_assert_neq(base, first_draw(2, 2, BC_PURPOSE_MAIN, 3, 4));
	cr_assert_neq(base, first_draw(1, 3, BC_PURPOSE_MAIN, 3, 4));
	cr_assert_neq(base, first_draw(1, 2, BC_PURPOSE_PILOT, 3, 4));
	cr_assert_neq(base, first_draw(1, 2, BC_PURPOSE_MAIN, 4, 4));
	cr_assert_neq(base, first_draw(1, 2, BC_PURPOSE_MAIN, 3, 5));
	cr_assert_neq(base, first_draw(1, 2, BC_PURPOSE_MAIN, 3, 4 + (1ULL << 32)));
}

Test(rng, claim_ids_hash_to_distinct_stream_keys)
{
	for (int i = 0; i < bc_n_claims; i++)
		for (int j = i + 1; j < bc_n_claims; j++)
			cr_assert_neq(bc_rng_claim_hash(bc_claims[i]->id),
			              bc_rng_claim_hash(bc_claims[j]->id));
	cr_assert_eq(bc_rng_claim_hash(""), 2166136261u); /* FNV-1a offset basis */
	cr_assert_eq(bc_rng_claim_hash("a"), 0xe40c292cu); /* FNV-1a published value */
}

/* Word j of a stream: element 3 - j % 4 of Random123's block j / 4 of its counter. */
static uint32_t reference_word(const struct bc_stream_id *id, uint64_t rep, uint32_t j)
{
	struct bc_philox_stream s = bc_philox_stream(id, rep);
	uint32_t ctr[4] = {s.ctr[0], s.ctr[1], s.ctr[2], j / 4}, out[4];
	bc_rng_philox_block(ctr, s.key, out);
	return out[3 - j % 4];
}

/* The bulk generator hands out Random123's words in the adapter's order, across lane
 * boundaries and from any starting block. */
static void expect_bulk_words_are_random123s(void);

/* Both kernels: the one this CPU runs and the portable one. */
Test(rng, bulk_words_are_random123s_words)
{
	for (int portable = 0; portable < 2; portable++) {
		bc_philox_portable_only = portable;
		expect_bulk_words_are_random123s();
	}
	bc_philox_portable_only = 0;
}

static void expect_bulk_words_are_random123s(void)
{
	struct bc_stream_id id = {0xfedcba9876543210ULL, 0x31415926, BC_PURPOSE_PILOT, 513};
	uint64_t rep = 0x3400000077ULL;
	enum { BLOCKS = 3 * BC_PHILOX_LANES + 5 };
	uint32_t got[4 * BLOCKS];
	struct bc_philox_stream s = bc_philox_stream(&id, rep);
	bc_philox_words(&s, 0, BLOCKS, got);
	for (uint32_t j = 0; j < 4 * BLOCKS; j++)
		cr_assert_eq(got[j], reference_word(&id, rep, j), "word %u", j);
	for (uint32_t first = 1; first < 20; first += 7) { /* a window starting mid-stream */
		bc_philox_words(&s, first, 9, got);
		for (uint32_t j = 0; j < 36; j++)
			cr_assert_eq(got[j], reference_word(&id, rep, 4 * first + j));
	}
	/* the published vectors through the bulk path (counter word 3 is the block index) */
	for (int i = 0; i < 3; i++) {
		struct bc_philox_stream k = {{kat[i][4], kat[i][5]}, {kat[i][0], kat[i][1], kat[i][2]}};
		uint32_t out[4];
		bc_philox_words(&k, kat[i][3], 1, out);
		for (int w = 0; w < 4; w++)
			cr_assert_eq(out[w], kat[i][6 + 3 - w]);
	}
}

/* The engine's group prefetch gives each replicate the words bc_rng_key gives it, whatever
 * the replicates before it used (so the prefetch size changes) and across the 2^32 boundary
 * of the replicate index. */
static void expect_group_prefetch_gives_each_replicate_its_own_words(void);

/* Both kernels: the one this CPU runs and the portable one. */
Test(rng, group_prefetch_gives_each_replicate_its_own_words)
{
	for (int portable = 0; portable < 2; portable++) {
		bc_philox_portable_only = portable;
		expect_group_prefetch_gives_each_replicate_its_own_words();
	}
	bc_philox_portable_only = 0;
}

static void expect_group_prefetch_gives_each_replicate_its_own_words(void)
{
	struct bc_stream_id id = {42, 0x9e3779b9, BC_PURPOSE_MAIN, 3};
	gsl_rng *r = bc_rng_new();
	const uint32_t uses[] = {0, 5, 7, 200, 1, 64, 129, 3};
	uint64_t r0 = (UINT64_C(1) << 32) - 21;
	for (int group = 0; group < 6; group++) {
		int n = group == 5 ? 5 : BC_RNG_GROUP;
		if (group % 2) /* laid out as rows for lanes, read one replicate at a time */
			bc_rng_prefetch_rows(r, &id, r0);
		else
			bc_rng_prefetch(r, &id, r0, n);
		for (int i = 0; i < n; i++) {
			bc_rng_use(r, i);
			uint32_t use = uses[(group * 7 + i) % 8];
			for (uint32_t j = 0; j < use; j++)
				cr_assert_eq((uint32_t)gsl_rng_get(r), reference_word(&id, r0 + (uint64_t)i, j),
				             "replicate %llu word %u", (unsigned long long)(r0 + (uint64_t)i), j);
			bc_rng_done(r);
		}
		r0 += (uint64_t)n;
	}
	/* a copy draws what the original draws */
	bc_rng_key(r, &id, 9);
	gsl_rng_get(r);
	gsl_rng *copy = gsl_rng_clone(r);
	for (int j = 1; j < 100; j++)
		cr_assert_eq(gsl_rng_get(copy), gsl_rng_get(r));
	gsl_rng_free(copy);
	gsl_rng_free(r);
}

/* bc_philox_rows directly, both kernels: words of 8 g + l at g's rows, across the 2^32
 * boundary of the replicate index (where word 1 of the counters differs among them) and
 * away from it, nothing written past the last row. */
Test(rng, rows_are_each_replicates_words)
{
	enum { GROUP_STRIDE = 8 * 4 * 33 };
	static uint32_t got[3 * GROUP_STRIDE];
	struct bc_stream_id id = {11, 0x01234567, BC_PURPOSE_PILOT, 9};
	const uint64_t starts[] = {0, (UINT64_C(1) << 32) - 13, UINT64_C(77) << 32};
	const int counts[][2] = {{1, 1}, {2, 5}, {3, 32}, {2, 2}};
	for (int portable = 0; portable < 2; portable++) {
		bc_philox_portable_only = portable;
		for (size_t s0 = 0; s0 < sizeof starts / sizeof *starts; s0++)
			for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
				int groups = counts[c][0], blocks = counts[c][1];
				memset(got, 0, sizeof got);
				bc_philox_rows(&id, starts[s0], groups, (size_t)blocks, got, GROUP_STRIDE);
				for (int g = 0; g < groups; g++) {
					for (int l = 0; l < 8; l++)
						for (uint32_t j = 0; j < 4 * (uint32_t)blocks; j++) {
							uint64_t rep = starts[s0] + 8 * (uint64_t)g + (uint64_t)l;
							cr_assert_eq(got[(size_t)g * GROUP_STRIDE + 8 * j + (size_t)l],
							             reference_word(&id, rep, j),
							             "portable %d, %d groups of %d blocks: replicate "
							             "%llu word %u", portable, groups, blocks,
							             (unsigned long long)rep, j);
						}
					cr_assert_eq(got[(size_t)g * GROUP_STRIDE + 32 * (size_t)blocks], 0,
					             "a word written past the last row");
				}
			}
	}
	bc_philox_portable_only = 0;
}

/* bc_philox_replicates directly, both kernels: any replicate count and block count (lanes
 * that end mid-group, counts past what one call holds, and past the most a prefetch asks
 * for, which it computes replicate by replicate), each replicate's words at its stride. */
Test(rng, replicate_blocks_are_each_replicates_words)
{
	enum { STRIDE = 4 * 40 + 3 };
	static uint32_t got[20 * STRIDE];
	struct bc_stream_id id = {7, 0xabcdef01, BC_PURPOSE_MAIN, 65535};
	const int counts[][2] = {{1, 1}, {3, 5}, {16, 3}, {16, 32}, {5, 40}, {20, 30}};
	uint64_t r0 = (UINT64_C(1) << 32) - 2;
	for (int portable = 0; portable < 2; portable++) {
		bc_philox_portable_only = portable;
		for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
			int n = counts[c][0], blocks = counts[c][1];
			memset(got, 0, sizeof got);
			bc_philox_replicates(&id, r0, n, (size_t)blocks, got, STRIDE);
			for (int p = 0; p < n; p++)
				for (uint32_t j = 0; j < 4 * (uint32_t)blocks; j++)
					cr_assert_eq(got[(size_t)p * STRIDE + j],
					             reference_word(&id, r0 + (uint64_t)p, j),
					             "portable %d, %d replicates of %d blocks: replicate %d word %u",
					             portable, n, blocks, p, j);
			cr_assert_eq(got[(size_t)(n - 1) * STRIDE + 4 * (size_t)blocks], 0,
			             "a word written past the last block");
		}
	}
	bc_philox_portable_only = 0;
}

/* bc_rng_uniform and bc_rng_uniform_int give GSL's values from the same words: n from 1 to
 * GSL's largest, 2^32 - 1 (where most words are rejected), and the streams stay in step. */
Test(rng, uniform_and_uniform_int_are_gsls_own)
{
	struct bc_stream_id id = {5, 0x5eed5eed, BC_PURPOSE_CLI, 2};
	gsl_rng *mine = bc_rng_new(), *gsl = bc_rng_new();
	const unsigned long ns[] = {1,          2,          3,          7,
	                            10,         1000,       65536,      1000000007,
	                            0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe,
	                            0xffffffff};
	for (uint64_t rep = 0; rep < 4; rep++) {
		bc_rng_key(mine, &id, rep);
		bc_rng_key(gsl, &id, rep);
		for (int i = 0; i < 2000; i++) {
			unsigned long n = ns[(size_t)i % (sizeof ns / sizeof *ns)];
			cr_assert_eq(bc_rng_uniform_int(mine, n), gsl_rng_uniform_int(gsl, n),
			             "replicate %llu draw %d, n = %lu", (unsigned long long)rep, i, n);
			double a = bc_rng_uniform(mine), b = gsl_rng_uniform(gsl);
			cr_assert(memcmp(&a, &b, sizeof a) == 0, "uniform %d: %a against GSL's %a", i, a,
			          b);
		}
		cr_assert_eq(gsl_rng_get(mine), gsl_rng_get(gsl), "the streams out of step");
	}
	gsl_rng_free(mine);
	gsl_rng_free(gsl);
}
