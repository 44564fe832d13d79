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

/* The bulk generator hands out the adapter's words, in its order, across lane boundaries
 * and from any starting block. */
Test(rng, bulk_words_are_the_adapters_words)
{
	struct bc_stream_id id = {0xfedcba9876543210ULL, 0x31415926, BC_PURPOSE_PILOT, 513};
	uint64_t rep = 0x3400000077ULL;
	gsl_rng *r = bc_rng_new();
	bc_rng_key(r, &id, rep);
	enum { BLOCKS = 3 * BC_PHILOX_LANES + 5 };
	uint32_t want[4 * BLOCKS], got[4 * BLOCKS];
	for (int j = 0; j < 4 * BLOCKS; j++)
		want[j] = (uint32_t)gsl_rng_get(r);
	gsl_rng_free(r);
	struct bc_philox_stream s = bc_philox_stream(&id, rep);
	bc_philox_words(&s, 0, BLOCKS, got);
	for (int j = 0; j < 4 * BLOCKS; j++)
		cr_assert_eq(got[j], want[j], "word %d: %08x != %08x", j, got[j], want[j]);
	for (int first = 1; first < 20; first += 7) { /* a window starting mid-stream */
		bc_philox_words(&s, (uint32_t)first, 9, got);
		for (int j = 0; j < 36; j++)
			cr_assert_eq(got[j], want[4 * first + j]);
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
