/*
 * rng.c - Philox4x32-10 streams for GSL, keyed by purpose (see bc_rng.h for the layout).
 *
 * Random123's GSL_MICRORNG adapter turns the counter-based Philox block function into a
 * gsl_rng_type: the first three counter words and the key are ours, the fourth counts
 * draws. Re-keying costs no Philox call, so a replicate can start its own stream for free.
 */
#include <Random123/philox.h>
#include <Random123/gsl_microrng.h>

#include "bc_rng.h"

GSL_MICRORNG(bc_philox, philox4x32);

uint32_t bc_rng_claim_hash(const char *claim_id)
{
	uint32_t h = 2166136261u; /* FNV-1a, 32 bit */
	for (const unsigned char *s = (const unsigned char *)claim_id; *s; s++)
		h = (h ^ *s) * 16777619u;
	return h;
}

gsl_rng *bc_rng_new(void)
{
	return gsl_rng_alloc(gsl_rng_bc_philox);
}

void bc_rng_key(gsl_rng *r, const struct bc_stream_id *id, uint64_t replicate)
{
	philox4x32_ctr_t c = {{(uint32_t)replicate,
	                       (uint32_t)((replicate >> 32) & 0xffu) |
	                               ((uint32_t)id->purpose & 0xffu) << 8 | id->point << 16,
	                       id->claim, 0}};
	philox4x32_key_t k = {{(uint32_t)id->seed, (uint32_t)(id->seed >> 32)}};
	bc_philox_reset(r, c, k);
}

void bc_rng_philox_block(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
	philox4x32_ctr_t c = {{ctr[0], ctr[1], ctr[2], ctr[3]}};
	philox4x32_key_t k = {{key[0], key[1]}};
	philox4x32_ctr_t y = philox4x32_R(10, c, k);
	for (int i = 0; i < 4; i++)
		out[i] = y.v[i];
}
