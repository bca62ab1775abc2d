#ifndef DTAO_CGMP_SHIM_H
#define DTAO_CGMP_SHIM_H

#include <gmp.h>

/* GMP exposes these as macros only, which Swift cannot import; each shim is the macro, typed. */

static inline int cgmp_mpz_sgn(mpz_srcptr value) { return mpz_sgn(value); }
static inline int cgmp_mpz_odd_p(mpz_srcptr value) { return mpz_odd_p(value); }
static inline int cgmp_mpz_cmp_si(mpz_srcptr value, long other) { return mpz_cmp_si(value, other); }
static inline int cgmp_mpz_cmp_ui(mpz_srcptr value, unsigned long other) { return mpz_cmp_ui(value, other); }

#endif
