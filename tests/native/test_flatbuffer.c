/*
 * Flatbuffer reader and loader on hand-built buffers: a forward-writing mini
 * builder produces a one-op TFLite model whose every piece can be varied, so
 * each validation path (offsets, vtables, vectors, strings, nested tables,
 * opcode fields, types, shapes, metadata) is exercised on purpose.
 */
#include "test_util.h"
#include "dl_engine.h"
#include "fb.h"

typedef struct B {
    uint8_t b[4096];
    uint32_t n;
} B;

static void align(B *b, uint32_t a)
{
    while (b->n % a)
        b->b[b->n++] = 0;
}
static void w16(B *b, uint32_t pos, uint16_t v)
{
    b->b[pos] = (uint8_t)v;
    b->b[pos + 1] = (uint8_t)(v >> 8);
}
static void w32(B *b, uint32_t pos, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b->b[pos + i] = (uint8_t)(v >> (8 * i));
}
static void w64(B *b, uint32_t pos, uint64_t v)
{
    w32(b, pos, (uint32_t)v);
    w32(b, pos + 4, (uint32_t)(v >> 32));
}
/* A uoffset at `field` pointing forward to `target`. */
static void ref(B *b, uint32_t field, uint32_t target) { w32(b, field, target - field); }

/* Table with fields of the given inline sizes (0 = absent); field positions
 * are returned in pos[]. The vtable precedes the table. */
static uint32_t table(B *b, int nf, const int *sizes, uint32_t *pos)
{
    align(b, 4);
    uint32_t vt = b->n;
    uint32_t vt_len = 4 + 2 * (uint32_t)nf;
    b->n += vt_len;
    align(b, 8);
    if ((b->n + 4) % 8 == 0) /* keep 8-byte fields aligned after the soffset */
        b->n += 4;
    uint32_t t = b->n;
    w32(b, t, t - vt);
    b->n += 4;
    for (int i = 0; i < nf; ++i) {
        pos[i] = 0;
        w16(b, vt + 4 + 2 * (uint32_t)i, 0);
        if (!sizes[i])
            continue;
        align(b, (uint32_t)sizes[i]);
        pos[i] = b->n;
        w16(b, vt + 4 + 2 * (uint32_t)i, (uint16_t)(b->n - t));
        memset(b->b + b->n, 0, (size_t)sizes[i]);
        b->n += (uint32_t)sizes[i];
    }
    align(b, 4);
    w16(b, vt, (uint16_t)vt_len);
    w16(b, vt + 2, (uint16_t)(b->n - t));
    return t;
}
/* Vector header; returns position of the length word, elements follow. */
static uint32_t vec(B *b, uint32_t count, uint32_t elem)
{
    align(b, elem > 4 ? 8 : 4);
    if (elem > 4 && (b->n + 4) % 8 != 0)
        b->n += 4;
    uint32_t v = b->n;
    w32(b, v, count);
    b->n += 4 + count * elem;
    align(b, 4);
    return v;
}
static uint32_t str(B *b, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    uint32_t v = vec(b, n + 1, 1);
    w32(b, v, n);
    memcpy(b->b + v + 4, s, n + 1);
    return v;
}

typedef struct variant {
    uint32_t version;
    int dep_code, code;      /* opcode 1: deprecated byte / builtin_code (-1 = absent) */
    int in_type;
    int w_rows;              /* weights [w_rows, 4] with w_rows*4 bytes of data */
    int w_data_rows;
    int bad_ident;
    float out_scale;         /* 0 = the default 1.0 */
} variant;

static const int8_t W[3][4] = {{1, 2, 3, 4}, {-1, -2, -3, -4}, {2, 0, 0, 0}};
static const int32_t BIAS[3] = {0, 4, -4};

/* One FULLY_CONNECTED layer: in int8 [1,4] (scale .5, zp 0), weights int8
 * [3,4] (scale .25), bias int32 [3], out int8 [1,3] (scale 1, zp 0): the
 * output multiplier is exactly 1/8, so rounding ties are reachable. */
static uint32_t build(B *b, const variant *v, uint32_t *marks)
{
    uint32_t p[16];
    memset(b, 0, sizeof *b);
    b->n = 8;
    memcpy(b->b + 4, v->bad_ident ? "TFL2" : "TFL3", 4);
    int msz[] = {4, 4, 4, 4, 4, 0, 4};
    uint32_t model = table(b, 7, msz, p);
    w32(b, 0, model);
    uint32_t m_version = p[0], m_opcodes = p[1], m_subgraphs = p[2], m_desc = p[3], m_buffers = p[4], m_meta = p[6];
    w32(b, m_version, v->version);
    marks[0] = model;

    /* operator codes: 0 = ADD (declared, unused), 1 = the FC */
    uint32_t ocv = vec(b, 2, 4);
    ref(b, m_opcodes, ocv);
    int osz[] = {1, 0, 4, 4};
    uint32_t oc0 = table(b, 4, osz, p);
    ref(b, ocv + 4, oc0);
    b->b[p[0]] = 0;
    w32(b, p[2], 1);
    w32(b, p[3], 0);
    int osz1[] = {v->dep_code >= 0 ? 1 : 0, 0, 4, v->code >= 0 ? 4 : 0};
    uint32_t oc1 = table(b, 4, osz1, p);
    ref(b, ocv + 8, oc1);
    if (v->dep_code >= 0)
        b->b[p[0]] = (uint8_t)v->dep_code;
    w32(b, p[2], 1);
    if (v->code >= 0)
        w32(b, p[3], (uint32_t)v->code);

    uint32_t desc = str(b, "hand built");
    ref(b, m_desc, desc);

    /* subgraph */
    uint32_t sgv = vec(b, 1, 4);
    ref(b, m_subgraphs, sgv);
    int ssz[] = {4, 4, 4, 4, 4};
    uint32_t sg = table(b, 5, ssz, p);
    ref(b, sgv + 4, sg);
    uint32_t s_tensors = p[0], s_inputs = p[1], s_outputs = p[2], s_ops = p[3], s_name = p[4];
    marks[1] = sg;
    uint32_t ins = vec(b, 1, 4);
    w32(b, ins + 4, 0);
    ref(b, s_inputs, ins);
    uint32_t outs = vec(b, 1, 4);
    w32(b, outs + 4, 3);
    ref(b, s_outputs, outs);
    ref(b, s_name, str(b, "main"));

    uint32_t tv = vec(b, 4, 4);
    ref(b, s_tensors, tv);
    const char *names[4] = {"input", "weights", "bias", "output"};
    int types[4] = {v->in_type, 9, 2, 9};
    int shapes[4][2] = {{1, 4}, {v->w_rows, 4}, {3, 0}, {1, 3}};
    int dims[4] = {2, 2, 1, 2};
    float scales[4] = {0.5f, 0.25f, 0.125f, v->out_scale > 0.0f ? v->out_scale : 1.0f};
    for (int i = 0; i < 4; ++i) {
        int tsz[] = {4, 1, 4, 4, 4};
        uint32_t t = table(b, 5, tsz, p);
        ref(b, tv + 4 + 4 * (uint32_t)i, t);
        uint32_t t_shape = p[0], t_type = p[1], t_buf = p[2], t_name = p[3], t_q = p[4];
        b->b[t_type] = (uint8_t)types[i];
        w32(b, t_buf, (uint32_t)(i + 1));
        uint32_t sv = vec(b, (uint32_t)dims[i], 4);
        for (int d = 0; d < dims[i]; ++d)
            w32(b, sv + 4 + 4 * (uint32_t)d, (uint32_t)shapes[i][d]);
        ref(b, t_shape, sv);
        ref(b, t_name, str(b, names[i]));
        int qsz[] = {0, 0, 4, 4, 0, 0, 4};
        uint32_t q = table(b, 7, qsz, p);
        ref(b, t_q, q);
        uint32_t scv = vec(b, 1, 4);
        union { float f; uint32_t u; } cv;
        cv.f = scales[i];
        w32(b, scv + 4, cv.u);
        ref(b, p[2], scv);
        uint32_t zv = vec(b, 1, 8);
        w64(b, zv + 4, 0);
        ref(b, p[3], zv);
        if (i == 0)
            marks[2] = sv; /* shape vector of tensor 0 */
        if (i == 3)
            marks[3] = t_name;
    }

    uint32_t opv = vec(b, 1, 4);
    ref(b, s_ops, opv);
    int opsz[] = {4, 4, 4, 1, 4};
    uint32_t op = table(b, 5, opsz, p);
    ref(b, opv + 4, op);
    w32(b, p[0], 1);
    uint32_t oin = vec(b, 3, 4);
    w32(b, oin + 4, 0);
    w32(b, oin + 8, 1);
    w32(b, oin + 12, 2);
    ref(b, p[1], oin);
    uint32_t oout = vec(b, 1, 4);
    w32(b, oout + 4, 3);
    ref(b, p[2], oout);
    b->b[p[3]] = 8; /* FullyConnectedOptions */
    int fsz[] = {1};
    uint32_t fo = table(b, 1, fsz, p + 8);
    ref(b, p[4], fo);

    /* buffers: 0 empty, 1 input (empty), 2 weights, 3 bias, 4 output, 5 metadata */
    uint32_t bv = vec(b, 6, 4);
    ref(b, m_buffers, bv);
    for (int i = 0; i < 6; ++i) {
        int bsz[] = {4};
        uint32_t bt = table(b, 1, bsz, p);
        ref(b, bv + 4 + 4 * (uint32_t)i, bt);
        if (i == 2) {
            uint32_t d = vec(b, (uint32_t)v->w_data_rows * 4, 1);
            for (int r = 0; r < v->w_data_rows; ++r)
                for (int k = 0; k < 4; ++k)
                    b->b[d + 4 + (uint32_t)r * 4 + (uint32_t)k] = (uint8_t)W[r % 3][k];
            ref(b, p[0], d);
        } else if (i == 3) {
            uint32_t d = vec(b, 12, 1);
            for (int k = 0; k < 3; ++k)
                w32(b, d + 4 + 4 * (uint32_t)k, (uint32_t)BIAS[k]);
            ref(b, p[0], d);
        } else if (i == 5) {
            uint32_t d = vec(b, 3, 1);
            memcpy(b->b + d + 4, "1.0", 3);
            ref(b, p[0], d);
        } else {
            w16(b, bt - (uint32_t)fb_rd_i32(&(fb_buf){b->b, b->n}, bt) + 4, 0); /* absent data */
        }
    }
    uint32_t mv = vec(b, 1, 4);
    ref(b, m_meta, mv);
    int mdsz[] = {4, 4};
    uint32_t md = table(b, 2, mdsz, p);
    ref(b, mv + 4, md);
    ref(b, p[0], str(b, "min_runtime_version"));
    w32(b, p[1], 5);
    return b->n;
}

static variant base_variant(void)
{
    variant v = {3, 9, 9, 9, 3, 3, 0, 0.0f};
    return v;
}

static int prep(B *b, uint32_t n, dl_engine **e, dl_error *err, uint8_t *arena, size_t arena_len)
{
    size_t need = 0;
    int s = dl_arena_required(b->b, n, &need, err);
    if (s != DL_OK)
        return s;
    if (need > arena_len)
        return -1;
    return dl_prepare(b->b, n, arena, arena_len, e, err);
}

static _Alignas(16) uint8_t arena[1 << 16];

static void test_reader_primitives(void)
{
    /* root offset beyond the end */
    uint8_t t1[12] = {200, 0, 0, 0, 'T', 'F', 'L', '3', 0, 0, 0, 0};
    fb_buf b = {t1, sizeof t1};
    fb_table t;
    CHECK(fb_root(&b, &t) == DL_ERR_TRUNCATED, "root past end");
    /* vtable offset pointing before the buffer */
    uint8_t t2[16] = {8, 0, 0, 0, 'T', 'F', 'L', '3', 100, 0, 0, 0, 0, 0, 0, 0};
    b.p = t2;
    b.len = sizeof t2;
    CHECK(fb_root(&b, &t) == DL_ERR_CORRUPT, "vtable before start");
    /* vtable length too small / odd */
    uint8_t t3[20] = {12, 0, 0, 0, 'T', 'F', 'L', '3', 3, 0, 4, 0, 4, 0, 0, 0, 0, 0, 0, 0};
    b.p = t3;
    b.len = sizeof t3;
    CHECK(fb_root(&b, &t) == DL_ERR_CORRUPT, "odd vtable length");
    /* minimal valid table: vtable at 8 {6, 8, field0 at +4}, table at 16 */
    uint8_t t4[24] = {16, 0, 0, 0, 'T', 'F', 'L', '3', 6, 0, 8, 0, 4, 0, 0, 0, 8, 0, 0, 0, 42, 0, 0, 0};
    b.p = t4;
    b.len = sizeof t4;
    CHECK(fb_root(&b, &t) == DL_OK, "valid table");
    uint32_t u = 0;
    CHECK(fb_u32(&b, &t, 0, 7, &u) == DL_OK && u == 42, "field 0 = %u", (unsigned)u);
    CHECK(fb_u32(&b, &t, 1, 7, &u) == DL_OK && u == 7, "absent field gives default");
    fb_vec v;
    /* field 0 read as an offset: 16+4+42 is past the end */
    CHECK(fb_vector(&b, &t, 0, 4, &v) == DL_ERR_TRUNCATED, "vector offset past end");
    /* field offset beyond the table's declared size */
    t4[12] = 12;
    CHECK(fb_u32(&b, &t, 0, 7, &u) == DL_ERR_CORRUPT, "field outside table");
    t4[12] = 4;
    /* vector whose length runs past the end: offset 4 -> pos 24? shrink to make a length at 20 */
    uint8_t t5[32] = {16, 0, 0, 0, 'T', 'F', 'L', '3', 6, 0, 8, 0, 4, 0, 0, 0, 8, 0, 0, 0, 4, 0, 0, 0,
                      0xff, 0xff, 0, 0, 1, 2, 3, 4};
    b.p = t5;
    b.len = sizeof t5;
    CHECK(fb_root(&b, &t) == DL_OK, "table");
    CHECK(fb_vector(&b, &t, 0, 1, &v) == DL_ERR_TRUNCATED, "vector length past end");
    CHECK(fb_string(&b, &t, 0, &v) == DL_ERR_TRUNCATED, "string length past end");
    t5[24] = 4;
    t5[25] = 0;
    CHECK(fb_string(&b, &t, 0, &v) == DL_OK && v.count == 4 && v.data == 28, "string ok");
    fb_table sub;
    int present;
    CHECK(fb_subtable(&b, &t, 0, &sub, &present) != DL_OK, "nested table with bogus vtable");
}

static void test_model_ok(void)
{
    B b;
    uint32_t marks[4];
    variant v = base_variant();
    uint32_t n = build(&b, &v, marks);
    dl_engine *e = NULL;
    dl_error err;
    int s = prep(&b, n, &e, &err, arena, sizeof arena);
    CHECK(s == DL_OK, "prepare: %d %s", s, err.message);
    if (s != DL_OK)
        return;
    CHECK(dl_input_count(e) == 1 && dl_output_count(e) == 1, "io count");
    CHECK(dl_input_bytes(e, 0) == 4 && dl_output_bytes(e, 0) == 3, "io bytes");
    dl_tensor_info ti;
    CHECK(dl_get_tensor_info(e, 3, &ti) == DL_OK && strcmp(ti.name, "output") == 0, "tensor name");
    CHECK(dl_get_tensor_info(e, 1, &ti) == DL_OK && ti.is_constant && ti.scale == 0.25f, "weights info");
    dl_op_info oi;
    CHECK(dl_get_op_info(e, 0, &oi) == DL_OK && oi.builtin == 9 && strcmp(oi.name, "FULLY_CONNECTED") == 0 &&
              oi.macs == 12 && oi.weight_bytes == 24,
          "op info");
    size_t ml = 0;
    const uint8_t *md = dl_metadata(e, "min_runtime_version", &ml);
    CHECK(md && ml == 3 && memcmp(md, "1.0", 3) == 0, "metadata");
    CHECK(dl_metadata(e, "nope", &ml) == NULL, "missing metadata");

    /* x = [1,1,1,0]: acc = (1+2+3, -6+4, 2-4) = (6,-2,-2); *1/8 -> .75, -.25, -.25 */
    /* x = [4,0,0,0]: acc = (4, 0, 4) -> .5 ties: float mode rounds to even (0),
     * integer mode rounds away from zero (1) */
    int8_t *x = (int8_t *)dl_input_data(e, 0);
    const int8_t *y = (const int8_t *)dl_output_data(e, 0);
    const int8_t x1[4] = {4, 0, 0, 0};
    memcpy(x, x1, 4);
    for (int variant_k = 0; variant_k < 2; ++variant_k) {
        dl_set_kernel_variant(e, variant_k);
        dl_set_requantization(e, DL_REQUANT_FLOAT);
        CHECK(dl_invoke(e, &err) == DL_OK, "invoke");
        CHECK(y[0] == 0 && y[1] == 0 && y[2] == 0, "float ties to even: %d %d %d", y[0], y[1], y[2]);
        dl_set_requantization(e, DL_REQUANT_INTEGER);
        CHECK(dl_invoke(e, &err) == DL_OK, "invoke");
        /* acc = (4, 0, 4) */
        CHECK(y[0] == 1 && y[1] == 0 && y[2] == 1, "integer ties away from zero: %d %d %d", y[0], y[1], y[2]);
    }
    const int8_t x2[4] = {-128, 127, 100, -7};
    memcpy(x, x2, 4);
    dl_set_requantization(e, DL_REQUANT_INTEGER);
    dl_invoke(e, &err);
    for (int o = 0; o < 3; ++o) {
        int32_t acc = BIAS[o];
        for (int k = 0; k < 4; ++k)
            acc += W[o][k] * x2[k];
        /* exact 1/8 with ties away from zero */
        int32_t q = acc >= 0 ? (acc + 4) / 8 : -((-acc + 4) / 8);
        q = q < -128 ? -128 : (q > 127 ? 127 : q);
        CHECK(y[o] == q, "fc output %d: %d vs %d", o, y[o], q);
    }
    /* arena too small */
    size_t need = 0;
    dl_arena_required(b.b, n, &need, &err);
    CHECK(dl_prepare(b.b, n, arena, need / 2, &e, &err) == DL_ERR_ARENA_TOO_SMALL, "small arena");
    /* any arena alignment works with the reported size */
    CHECK(dl_prepare(b.b, n, arena + 3, need, &e, &err) == DL_OK, "unaligned arena: %s", err.message);
}

static void expect(const variant *v, int code, const char *needle)
{
    B b;
    uint32_t marks[4];
    uint32_t n = build(&b, v, marks);
    dl_engine *e = NULL;
    dl_error err;
    int s = prep(&b, n, &e, &err, arena, sizeof arena);
    CHECK(s == code, "expected %s got %s (%s)", dl_status_name(code), dl_status_name(s), err.message);
    if (needle)
        CHECK(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'", err.message, needle);
}

static void test_model_errors(void)
{
    variant v = base_variant();
    v.version = 2;
    expect(&v, DL_ERR_VERSION, "version 2");
    v = base_variant();
    v.bad_ident = 1;
    expect(&v, DL_ERR_CORRUPT, "TFL3");
    /* legacy files: only the deprecated byte */
    v = base_variant();
    v.code = -1;
    expect(&v, DL_OK, NULL);
    /* new files: only builtin_code */
    v = base_variant();
    v.dep_code = -1;
    expect(&v, DL_OK, NULL);
    /* max of the two decides: 0 (ADD) in the int field, 9 in the byte */
    v = base_variant();
    v.code = 0;
    expect(&v, DL_OK, NULL);
    v = base_variant();
    v.dep_code = 0;
    v.code = 0;
    expect(&v, DL_ERR_UNSUPPORTED_OP, "op 0 ADD is not supported");
    v = base_variant();
    v.dep_code = 127;
    v.code = 150;
    expect(&v, DL_ERR_UNSUPPORTED_OP, "op 0");
    v = base_variant();
    v.in_type = 0;
    expect(&v, DL_ERR_UNSUPPORTED_TYPE, "op 0 FULLY_CONNECTED: FLOAT32 tensors are not supported");
    v = base_variant();
    v.w_rows = 4;
    v.w_data_rows = 4;
    expect(&v, DL_ERR_SHAPE, "op 0 FULLY_CONNECTED");
    v = base_variant();
    v.w_data_rows = 2;
    expect(&v, DL_ERR_SHAPE, "buffer holds 8 bytes but its shape needs 12");
    /* a rescale of 2^30 or more would shift past 31 bits in the integer output stage
     * (found by the fuzzer): refused in prepare, in both passes */
    v = base_variant();
    v.out_scale = 1e-12f;
    expect(&v, DL_ERR_QUANTIZATION, "op 0 FULLY_CONNECTED: channel 0 rescale factor");
    v.out_scale = 0.5f * 0.25f / 1073741824.0f * 1.01f; /* just under 2^30 */
    expect(&v, DL_OK, NULL);
}

static void test_model_mutations(void)
{
    B b, m;
    uint32_t marks[4];
    variant v = base_variant();
    uint32_t n = build(&b, &v, marks);
    dl_engine *e;
    dl_error err;
    /* huge vector length in the shape of tensor 0 */
    m = b;
    w32(&m, marks[2], 0x40000000u);
    CHECK(prep(&m, n, &e, &err, arena, sizeof arena) == DL_ERR_TRUNCATED, "huge shape vector: %s", err.message);
    /* subgraph vtable claims a length past the end */
    m = b;
    {
        fb_buf fb = {m.b, n};
        uint32_t vt = marks[1] - (uint32_t)fb_rd_i32(&fb, marks[1]);
        w16(&m, vt, 0xfff0);
        CHECK(prep(&m, n, &e, &err, arena, sizeof arena) == DL_ERR_TRUNCATED, "vtable length: %s", err.message);
    }
    /* output name string offset pointing past the end */
    m = b;
    w32(&m, marks[3], 0x7ffffff0u);
    CHECK(prep(&m, n, &e, &err, arena, sizeof arena) == DL_ERR_TRUNCATED, "string offset: %s", err.message);
    /* every truncation is an error, never a crash; the last 4 bytes are the
     * final string's NUL and alignment padding, which no offset needs */
    for (uint32_t len = 0; len < n; ++len) {
        int s = prep(&b, len, &e, &err, arena, sizeof arena);
        if (len < n - 4)
            CHECK(s != DL_OK, "truncated to %u accepted", (unsigned)len);
    }
}

int main(void)
{
    test_reader_primitives();
    test_model_ok();
    test_model_errors();
    test_model_mutations();
    return finish("test_flatbuffer");
}
