/*
 * libFuzzer target: any byte string handed to the loader must give either a
 * clean error or a model that prepares and runs, never a crash, an
 * out-of-bounds read or undefined behaviour (built with ASan + UBSan).
 * Build and run with tests/fuzz/run-fuzz.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dl_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dl_error err;
    size_t need = 0;
    /* an exact-size copy so reads past the end hit ASan's redzone */
    uint8_t *model = (uint8_t *)malloc(size ? size : 1);
    if (!model)
        return 0;
    memcpy(model, data, size);
    if (dl_arena_required(model, size, &need, &err) == DL_OK && need <= (8u << 20)) {
        void *arena = malloc(need);
        dl_engine *e = NULL;
        if (arena && dl_prepare(model, size, arena, need, &e, &err) == DL_OK) {
            /* run small models only: the target is the loader, not MAC speed */
            int64_t macs = 0;
            for (int i = 0; i < dl_op_count(e); ++i) {
                dl_op_info oi;
                dl_get_op_info(e, i, &oi);
                macs += oi.macs;
            }
            for (int i = 0; i < dl_input_count(e); ++i)
                memset(dl_input_data(e, i), 0x5a, (size_t)dl_input_bytes(e, i));
            if (macs < 500000) {
                dl_invoke(e, &err);
                dl_set_kernel_variant(e, 0);
                dl_set_requantization(e, DL_REQUANT_INTEGER);
                dl_invoke(e, &err);
            }
            size_t len;
            (void)dl_metadata(e, "min_runtime_version", &len);
            for (int t = 0; t < dl_tensor_count(e); ++t) {
                dl_tensor_info ti;
                dl_get_tensor_info(e, t, &ti);
            }
        }
        free(arena);
    }
    free(model);
    return 0;
}
