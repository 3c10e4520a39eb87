/*
 * Bounds-checked reader for the FlatBuffers binary format (only what a
 * TFLite model needs). Every function validates the offsets it follows
 * against the buffer length and returns a dl_status code; nothing here reads
 * outside [buf, buf+len).
 */
#ifndef DL_FB_H
#define DL_FB_H

#include <stddef.h>
#include <stdint.h>

typedef struct fb_buf {
    const uint8_t *p;
    uint32_t len;
} fb_buf;

typedef struct fb_table {
    uint32_t pos;      /* table start */
    uint32_t vt;       /* vtable start */
    uint16_t vt_len;   /* vtable length in bytes */
    uint16_t size;     /* table inline size in bytes */
} fb_table;

typedef struct fb_vec {
    uint32_t data;     /* position of element 0 */
    uint32_t count;
    int present;
} fb_vec;

static inline uint32_t fb_rd_u32(const fb_buf *b, uint32_t pos)
{
    const uint8_t *q = b->p + pos;
    return (uint32_t)q[0] | ((uint32_t)q[1] << 8) | ((uint32_t)q[2] << 16) | ((uint32_t)q[3] << 24);
}
static inline uint16_t fb_rd_u16(const fb_buf *b, uint32_t pos)
{
    const uint8_t *q = b->p + pos;
    return (uint16_t)(q[0] | (q[1] << 8));
}
static inline int32_t fb_rd_i32(const fb_buf *b, uint32_t pos) { return (int32_t)fb_rd_u32(b, pos); }
static inline int64_t fb_rd_i64(const fb_buf *b, uint32_t pos)
{
    return (int64_t)((uint64_t)fb_rd_u32(b, pos) | ((uint64_t)fb_rd_u32(b, pos + 4) << 32));
}
static inline float fb_rd_f32(const fb_buf *b, uint32_t pos)
{
    union { uint32_t u; float f; } v;
    v.u = fb_rd_u32(b, pos);
    return v.f;
}

/* The root table (buffer must start with its uoffset). */
int fb_root(const fb_buf *b, fb_table *t);
/* A table whose start is `pos`. */
int fb_table_at(const fb_buf *b, uint32_t pos, fb_table *t);
/* Scalar fields: *out = default when absent. */
int fb_u8(const fb_buf *b, const fb_table *t, int field, uint8_t def, uint8_t *out);
int fb_i8(const fb_buf *b, const fb_table *t, int field, int8_t def, int8_t *out);
int fb_i32(const fb_buf *b, const fb_table *t, int field, int32_t def, int32_t *out);
int fb_u32(const fb_buf *b, const fb_table *t, int field, uint32_t def, uint32_t *out);
int fb_u64(const fb_buf *b, const fb_table *t, int field, uint64_t def, uint64_t *out);
int fb_f32(const fb_buf *b, const fb_table *t, int field, float def, float *out);
/* Vector of fixed-size elements (elem bytes each); absent -> present=0, count=0. */
int fb_vector(const fb_buf *b, const fb_table *t, int field, uint32_t elem, fb_vec *v);
/* String: data/length, NUL terminator not required. absent -> present=0. */
int fb_string(const fb_buf *b, const fb_table *t, int field, fb_vec *s);
/* Sub-table field; *present = 0 when absent. */
int fb_subtable(const fb_buf *b, const fb_table *t, int field, fb_table *sub, int *present);
/* Element i of a vector of tables. */
int fb_vec_table(const fb_buf *b, const fb_vec *v, uint32_t i, fb_table *t);

#endif
