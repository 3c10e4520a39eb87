/*
 * Damaged models never crash the loader: every truncation of every shared
 * .tflite is refused with an error, and random byte flips either load (and
 * then run) or fail with an error. Run under ASan/UBSan with -DDL_SANITIZE=ON
 * to catch out-of-bounds reads that do not crash.
 */
#include "test_util.h"
#include "dl_engine.h"

static _Alignas(16) uint8_t arena[1 << 20];

static const char *models[] = {"pico_conv_mnist_quant.tflite", "tflm_hello_world_int8.tflite",
                               "tflm_person_detect.tflite", "pico_conv_mnist.tflite"};

static int try_model(const uint8_t *m, size_t n, int run)
{
    dl_error err;
    size_t need;
    int s = dl_arena_required(m, n, &need, &err);
    if (s != DL_OK) {
        CHECK(err.code == s && err.message[0], "error %d without message", s);
        return s;
    }
    if (need > sizeof arena)
        return DL_ERR_ARENA_TOO_SMALL;
    dl_engine *e;
    s = dl_prepare(m, n, arena, sizeof arena, &e, &err);
    CHECK(s == DL_OK, "arena_required accepted but prepare failed: %s", err.message);
    if (s == DL_OK && run) {
        memset(dl_input_data(e, 0), 1, (size_t)dl_input_bytes(e, 0));
        dl_invoke(e, &err);
    }
    return s;
}

int main(int argc, char **argv)
{
    int flips = argc > 1 ? atoi(argv[1]) : 3000;
    size_t n;
    uint8_t *probe = load_model(models[0], &n);
    if (!probe) {
        printf("SKIP: ../shared not found (%s)\n", shared_models());
        return SKIP_CODE;
    }
    free(probe);
    for (unsigned k = 0; k < sizeof models / sizeof models[0]; ++k) {
        uint8_t *m = load_model(models[k], &n);
        CHECK(m != NULL, "%s", models[k]);
        if (!m)
            continue;
        int expect_ok = k < 3;
        CHECK((try_model(m, n, 1) == DL_OK) == expect_ok, "%s full file", models[k]);
        /* every truncation: copy into an exact-size heap block so ASan sees overreads */
        long accepted = 0;
        for (size_t len = 0; len < n; ++len) {
            uint8_t *t = (uint8_t *)malloc(len ? len : 1);
            memcpy(t, m, len);
            if (try_model(t, len, 0) == DL_OK)
                ++accepted;
            free(t);
        }
        CHECK(accepted == 0, "%s: %ld truncations accepted", models[k], accepted);
        printf("%s: %zu truncations refused\n", models[k], n);
        /* random byte flips */
        int loaded = 0;
        uint8_t *t = (uint8_t *)malloc(n);
        for (int it = 0; it < flips; ++it) {
            memcpy(t, m, n);
            int nflip = 1 + (int)(rnd() % 8);
            for (int f = 0; f < nflip; ++f) {
                size_t pos = rnd() % n;
                /* half of the flips hit the first 1 KB where the tables are dense */
                if (rnd() & 1)
                    pos %= n < 1024 ? n : 1024;
                t[pos] ^= (uint8_t)(1u << (rnd() % 8));
            }
            if (try_model(t, n, 1) == DL_OK)
                ++loaded;
        }
        free(t);
        printf("%s: %d random corruptions, %d still loaded and ran, rest refused\n", models[k], flips, loaded);
        free(m);
    }
    return finish("test_robustness");
}
