#include <math.h>
#include "dl_kernels.h"

/* Same steps as TFLite: frexp, scale the fraction to Q31 rounding half away
 * from zero, renormalise the 2^31 corner case, flush tiny values to zero. */
void dl_quantize_multiplier(double real, int32_t *multiplier, int32_t *shift)
{
    if (real == 0.0) {
        *multiplier = 0;
        *shift = 0;
        return;
    }
    int exp = 0;
    double q = frexp(real, &exp);
    int64_t q_fixed = (int64_t)round(q * (double)(1LL << 31));
    if (q_fixed == (1LL << 31)) {
        q_fixed /= 2;
        ++exp;
    }
    if (exp < -31) {
        exp = 0;
        q_fixed = 0;
    }
    *multiplier = (int32_t)q_fixed;
    *shift = exp;
}
