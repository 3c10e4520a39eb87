// Host test of the nanoCLR interop glue: calls the marshalling stubs through the native method
// table with fake stack frames, exactly as the nanoCLR dispatches them, and checks every result
// against the C engine called directly.
//   glue_host_test MODEL.tflite FLOAT_MODEL.tflite MNIST_IMAGES IMAGE_COUNT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <string>
#include <vector>

#include "fake_nanoclr.h"
#include "DigitLock_Inference_Native.h"
#include "dl_engine.h"

typedef Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference Lib;

static int failures = 0;

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            ++failures;                                                                                                \
            printf("FAIL  %s:%d: ", __FILE__, __LINE__);                                                               \
            printf(__VA_ARGS__);                                                                                       \
            printf("\n");                                                                                              \
        }                                                                                                              \
    } while (0)

static std::vector<uint8_t> ReadFile(const char *path)
{
    std::vector<uint8_t> bytes;
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("FAIL  cannot read %s\n", path);
        exit(1);
    }
    int c;
    while ((c = fgetc(f)) != EOF)
        bytes.push_back((uint8_t)c);
    fclose(f);
    return bytes;
}

static CLR_RT_MethodHandler Entry(int i)
{
    return ((const CLR_RT_MethodHandler *)g_CLR_AssemblyNative_DigitLock_Inference_Native.m_pNativeMethods)[i];
}

static FakeArg Bytes(std::vector<uint8_t> &v)
{
    FakeArg a = {FakeArg::Bytes, v.empty() ? NULL : v.data(), (unsigned int)v.size()};
    return a;
}

// Calls table entry `index` with the given arguments; returns the HRESULT, result in *out.
static HRESULT Call(int index, FakeArg a0, FakeArg a1, signed int *out)
{
    CLR_RT_StackFrame frame;
    memset(&frame, 0, sizeof frame);
    frame.args[0] = a0;
    frame.args[1] = a1;
    HRESULT hr = Entry(index)(frame);
    if (out)
        *out = frame.has_result ? frame.result : -12345;
    return hr;
}

enum { LOAD = 0, CLASSIFY = 1, INFO = 2, METADATA = 3, LAST_ERROR = 4 };
static const FakeArg NoArg = {FakeArg::None, NULL, 0};

static int Load(std::vector<uint8_t> &model)
{
    signed int status = -1;
    HRESULT hr = Call(LOAD, Bytes(model), NoArg, &status);
    CHECK(hr == S_OK, "Load returned HRESULT 0x%08X", (unsigned)hr);
    return status;
}

static std::string LastError()
{
    std::vector<uint8_t> buf(200);
    signed int n = -1;
    Call(LAST_ERROR, Bytes(buf), NoArg, &n);
    return std::string((const char *)buf.data(), n < 0 ? 0 : (size_t)n);
}

static int Classify(std::vector<uint8_t> &image, std::vector<uint8_t> &scores, HRESULT *hrOut = NULL)
{
    signed int digit = -99;
    HRESULT hr = Call(CLASSIFY, Bytes(image), Bytes(scores), &digit);
    if (hrOut)
        *hrOut = hr;
    return digit;
}

// The C engine called directly: the reference the stubs must reproduce.
struct Direct
{
    std::vector<uint8_t> model, arena;
    dl_engine *e = NULL;
    dl_error err;
    int status;
    explicit Direct(const std::vector<uint8_t> &m) : model(m)
    {
        size_t need = 0;
        status = dl_arena_required(model.data(), model.size(), &need, &err);
        if (status != DL_OK)
            return;
        arena.resize(need);
        status = dl_prepare(model.data(), model.size(), arena.data(), arena.size(), &e, &err);
    }
    int Classify(const uint8_t *pixels, uint8_t *scores)
    {
        uint8_t *in = dl_input_data(e, 0);
        for (int i = 0; i < 784; ++i)
            in[i] = (uint8_t)(int8_t)(pixels[i] - 128);
        dl_invoke(e, &err);
        const int8_t *out = (const int8_t *)dl_output_data(e, 0);
        int best = 0;
        for (int d = 0; d < 10; ++d) {
            scores[d] = (uint8_t)(out[d] + 128);
            if (scores[d] > scores[best])
                best = d;
        }
        return best;
    }
};

int main(int argc, char **argv)
{
    if (argc != 5) {
        printf("usage: %s MODEL FLOAT_MODEL MNIST_IMAGES COUNT\n", argv[0]);
        return 2;
    }
    std::vector<uint8_t> model = ReadFile(argv[1]);
    std::vector<uint8_t> floatModel = ReadFile(argv[2]);
    std::vector<uint8_t> mnist = ReadFile(argv[3]);
    int count = atoi(argv[4]);
    CHECK(mnist.size() >= 16 + (size_t)count * 784, "MNIST file too short for %d images", count);

    // the assembly record the nanoCLR matches against the managed assembly
    const CLR_RT_NativeAssemblyData &a = g_CLR_AssemblyNative_DigitLock_Inference_Native;
    CHECK(strcmp(a.m_szAssemblyName, "DigitLock.Inference.Native") == 0, "assembly name %s", a.m_szAssemblyName);
    CHECK(a.m_Version.iMajorVersion == 1 && a.m_Version.iMinorVersion == 0 && a.m_Version.iBuildNumber == 0 &&
              a.m_Version.iRevisionNumber == 0,
          "native version");
    CHECK(Entry(LOAD) == Lib::Load___STATIC__I4__SZARRAY_U1, "table entry 0 is not Load");
    CHECK(Entry(CLASSIFY) == Lib::Classify___STATIC__I4__SZARRAY_U1__SZARRAY_U1, "table entry 1 is not Classify");
    CHECK(Entry(INFO) == Lib::Info___STATIC__I4__SZARRAY_I4, "table entry 2 is not Info");
    CHECK(Entry(METADATA) == Lib::Metadata___STATIC__I4__SZARRAY_U1__SZARRAY_U1, "table entry 3 is not Metadata");
    CHECK(Entry(LAST_ERROR) == Lib::LastError___STATIC__I4__SZARRAY_U1, "table entry 4 is not LastError");

    std::vector<uint8_t> image(784), scores(10), expected(10);
    CHECK(Classify(image, scores) == -1, "Classify before any Load must return -1");

    // refused files: the stub's status and message are the engine's
    std::vector<uint8_t> junk(64, 0x5a);
    Direct junkDirect(junk);
    CHECK(Load(junk) == junkDirect.status, "junk: status differs from the engine's %d", junkDirect.status);
    CHECK(LastError() == junkDirect.err.message, "junk: message '%s' vs '%s'", LastError().c_str(),
          junkDirect.err.message);
    Direct floatDirect(floatModel);
    CHECK(floatDirect.status == DL_ERR_UNSUPPORTED_TYPE, "float model status %d", floatDirect.status);
    CHECK(Load(floatModel) == DL_ERR_UNSUPPORTED_TYPE, "float model must be refused as UNSUPPORTED_TYPE");
    CHECK(LastError() == floatDirect.err.message, "float: message '%s'", LastError().c_str());

    CHECK(Load(model) == DL_OK, "pico model refused: %s", LastError().c_str());
    Direct direct(model);
    CHECK(direct.status == DL_OK, "direct engine refused the model");

    // Info against the engine's own figures
    std::vector<int32_t> info(8, -1);
    FakeArg infoArg = {FakeArg::Ints, info.data(), (unsigned int)info.size()};
    signed int n = 0;
    Call(INFO, infoArg, NoArg, &n);
    size_t need = 0;
    dl_arena_required(model.data(), model.size(), &need, NULL);
    CHECK(n == 8, "Info wrote %d values", n);
    CHECK(info[0] == (int32_t)model.size() && info[1] == (int32_t)need &&
              info[2] == (int32_t)dl_activation_bytes(direct.e) && info[3] == 784 && info[4] == 10 &&
              info[5] == dl_op_count(direct.e),
          "Info values differ from the engine's");

    // every image: scores and digit identical to the engine called directly
    int mismatches = 0;
    std::vector<uint8_t> last(10);
    for (int i = 0; i < count; ++i) {
        memcpy(image.data(), mnist.data() + 16 + (size_t)i * 784, 784);
        int digit = Classify(image, scores);
        int want = direct.Classify(image.data(), expected.data());
        if (digit != want || scores != expected)
            ++mismatches;
    }
    CHECK(mismatches == 0, "%d of %d images differ from the engine called directly", mismatches, count);
    last = scores;

    // a refused file leaves the loaded model in place
    std::vector<uint8_t> truncated(model.begin(), model.begin() + (long)(model.size() / 2));
    CHECK(Load(truncated) == DL_ERR_TRUNCATED, "truncated model status");
    std::vector<uint8_t> huge(DL_NANOCLR_MODEL_CAPACITY + 1, 0);
    CHECK(Load(huge) == DL_ERR_LIMIT, "oversize model must be refused with LIMIT");
    CHECK(Classify(image, scores) >= 0 && scores == last, "previous model no longer answers the same");

    // wrong argument sizes raise ArgumentException in managed code
    std::vector<uint8_t> small(100);
    HRESULT hr = S_OK;
    Classify(small, scores, &hr);
    CHECK(hr == CLR_E_INVALID_PARAMETER, "Classify on 100 bytes gave HRESULT 0x%08X", (unsigned)hr);

    // metadata lookups agree with dl_metadata
    const char *key = "min_runtime_version";
    std::vector<uint8_t> name(key, key + strlen(key)), value(64);
    signed int len = -2;
    Call(METADATA, Bytes(name), Bytes(value), &len);
    size_t directLen = 0;
    const uint8_t *directValue = dl_metadata(direct.e, key, &directLen);
    if (directValue)
        CHECK(len == (int)directLen && memcmp(value.data(), directValue, directLen < 64 ? directLen : 64) == 0,
              "metadata %s differs", key);
    else
        CHECK(len == -1, "metadata %s absent but stub returned %d", key, len);
    printf("%s  %d MNIST images through the stubs identical to dl_engine; metadata %s %s\n",
           failures ? "FAIL" : "PASS", count, key, directValue ? "present" : "absent");
    return failures ? 1 : 0;
}
