#include "fb.h"
#include "dl_engine.h"

static int in_range(const fb_buf *b, uint64_t pos, uint64_t size)
{
    return pos <= b->len && size <= (uint64_t)b->len - pos;
}

int fb_table_at(const fb_buf *b, uint32_t pos, fb_table *t)
{
    if (!in_range(b, pos, 4))
        return DL_ERR_TRUNCATED;
    if (pos & 3u)
        return DL_ERR_CORRUPT;
    int64_t vt = (int64_t)pos - (int64_t)fb_rd_i32(b, pos);
    if (vt < 0 || !in_range(b, (uint64_t)vt, 4))
        return vt < 0 ? DL_ERR_CORRUPT : DL_ERR_TRUNCATED;
    if (vt & 1)
        return DL_ERR_CORRUPT;
    uint16_t vt_len = fb_rd_u16(b, (uint32_t)vt);
    uint16_t size = fb_rd_u16(b, (uint32_t)vt + 2);
    if (vt_len < 4 || (vt_len & 1u) || size < 4)
        return DL_ERR_CORRUPT;
    if (!in_range(b, (uint64_t)vt, vt_len) || !in_range(b, pos, size))
        return DL_ERR_TRUNCATED;
    t->pos = pos;
    t->vt = (uint32_t)vt;
    t->vt_len = vt_len;
    t->size = size;
    return DL_OK;
}

int fb_root(const fb_buf *b, fb_table *t)
{
    if (b->len < 8)
        return DL_ERR_TRUNCATED;
    return fb_table_at(b, fb_rd_u32(b, 0), t);
}

/* Position of a field's inline value, 0 when absent (a field can never sit at
 * offset 0 of a table: that is the vtable offset). */
static int field_pos(const fb_buf *b, const fb_table *t, int field, uint32_t size, uint32_t *pos)
{
    uint32_t slot = 4u + 2u * (uint32_t)field;
    *pos = 0;
    if (slot + 2u > t->vt_len)
        return DL_OK;
    uint16_t off = fb_rd_u16(b, t->vt + slot);
    if (off == 0)
        return DL_OK;
    if (off < 4 || (uint32_t)off + size > t->size)
        return DL_ERR_CORRUPT;
    if (!in_range(b, (uint64_t)t->pos + off, size))
        return DL_ERR_TRUNCATED;
    *pos = t->pos + off;
    return DL_OK;
}

#define SCALAR(fn, T, size, read)                                              \
    int fn(const fb_buf *b, const fb_table *t, int field, T def, T *out)       \
    {                                                                          \
        uint32_t pos;                                                          \
        int s = field_pos(b, t, field, size, &pos);                            \
        if (s != DL_OK)                                                        \
            return s;                                                          \
        *out = pos ? (T)(read) : def;                                          \
        return DL_OK;                                                          \
    }

SCALAR(fb_u8, uint8_t, 1, b->p[pos])
SCALAR(fb_i8, int8_t, 1, (int8_t)b->p[pos])
SCALAR(fb_i32, int32_t, 4, fb_rd_i32(b, pos))
SCALAR(fb_u32, uint32_t, 4, fb_rd_u32(b, pos))
SCALAR(fb_u64, uint64_t, 8, (uint64_t)fb_rd_i64(b, pos))
SCALAR(fb_f32, float, 4, fb_rd_f32(b, pos))

/* Follow the uoffset stored at a field. */
static int deref(const fb_buf *b, const fb_table *t, int field, uint32_t *target)
{
    uint32_t pos;
    int s = field_pos(b, t, field, 4, &pos);
    if (s != DL_OK)
        return s;
    if (!pos) {
        *target = 0;
        return DL_OK;
    }
    uint64_t tgt = (uint64_t)pos + fb_rd_u32(b, pos);
    if (tgt >= b->len)
        return DL_ERR_TRUNCATED;
    *target = (uint32_t)tgt;
    return DL_OK;
}

int fb_vector(const fb_buf *b, const fb_table *t, int field, uint32_t elem, fb_vec *v)
{
    uint32_t pos;
    v->present = 0;
    v->count = 0;
    v->data = 0;
    int s = deref(b, t, field, &pos);
    if (s != DL_OK || !pos)
        return s;
    if (!in_range(b, pos, 4))
        return DL_ERR_TRUNCATED;
    if (pos & 3u)
        return DL_ERR_CORRUPT;
    uint32_t n = fb_rd_u32(b, pos);
    if (!in_range(b, (uint64_t)pos + 4, (uint64_t)n * elem))
        return DL_ERR_TRUNCATED;
    v->present = 1;
    v->count = n;
    v->data = pos + 4;
    return DL_OK;
}

int fb_string(const fb_buf *b, const fb_table *t, int field, fb_vec *s)
{
    return fb_vector(b, t, field, 1, s);
}

int fb_subtable(const fb_buf *b, const fb_table *t, int field, fb_table *sub, int *present)
{
    uint32_t pos;
    *present = 0;
    int s = deref(b, t, field, &pos);
    if (s != DL_OK || !pos)
        return s;
    s = fb_table_at(b, pos, sub);
    if (s == DL_OK)
        *present = 1;
    return s;
}

int fb_vec_table(const fb_buf *b, const fb_vec *v, uint32_t i, fb_table *t)
{
    if (i >= v->count)
        return DL_ERR_ARGUMENT;
    uint32_t pos = v->data + 4u * i;
    uint64_t tgt = (uint64_t)pos + fb_rd_u32(b, pos);
    if (tgt >= b->len)
        return DL_ERR_TRUNCATED;
    return fb_table_at(b, (uint32_t)tgt, t);
}
