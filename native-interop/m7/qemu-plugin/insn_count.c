/*
 * QEMU TCG plugin: exact guest instruction counts between benchmark markers.
 *
 * Debian's QEMU 7.2 loads plugins (API version 1) but ships no qemu-plugin.h, so the few API
 * entry points used here are declared below; their signatures are those of the version-1 API.
 *
 * Counting: every translated block adds its instruction count to one 64-bit counter with an
 * inline TCG add (no helper call per block). An exec callback on the first instruction of
 * each marker function snapshots the counter. count=insn instead adds 1 before every
 * instruction: slower, but it does not assume blocks run to their end, so the test suite
 * uses it to cross-check the block counts. Markers, by address (plugin args, from nm):
 *   ibegin / iend  - the harness's whole-inference markers dl_m7_inference_begin/end
 *   begin / end    - the engine's per-op markers dl_bench_mark_begin/end
 * API v1 cannot read guest registers, so the op index (the markers' r0) is not visible; ops
 * are numbered by call order within an inference, which is the engine's op order.
 *
 * Output (file given by out=, else QEMU's plugin log: -d plugin -D file):
 *   op <inference> <k> <instructions between begin and end>
 *   inference <n> <instructions between ibegin and iend> ops <k>
 * Snapshots are taken just before a marker's first instruction, so an op's figure runs from
 * the begin marker's first instruction to the call of the end marker: it includes one empty
 * marker body and call/return (a few instructions), constant and identical run to run.
 *
 *   hot 0x<block address> insns <n> runs <executions> total <instructions>   (with hot=N)
 *
 * Usage: qemu-system-arm ... -plugin libinsn_count.so,ibegin=0x..,iend=0x..,begin=0x..,end=0x..,out=counts.txt
 *        [,count=insn] [,hot=20]
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- QEMU plugin API, version 1 (QEMU 7.2), declared by hand ---- */
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t; /* never dereferenced here */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op, void *ptr,
                                              uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_op op, void *ptr,
                                                uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_outs(const char *string);

#define EXPORT __attribute__((visibility("default")))
EXPORT int qemu_plugin_version = 1;
EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv);
/* ---- end of API declarations ---- */

enum marker { MARK_IBEGIN, MARK_IEND, MARK_BEGIN, MARK_END, MARK_COUNT };
static const char *const marker_keys[MARK_COUNT] = {"ibegin", "iend", "begin", "end"};

static uint64_t marker_addr[MARK_COUNT];
static int marker_set[MARK_COUNT];
static uint64_t executed; /* guest instructions executed so far (updated inline by TCG) */
static int count_per_insn; /* count=insn: one inline add per instruction (slower; cross-check) */

/* hot=N: per translated block execution counts, to list the N blocks that execute the most
 * instructions inside inferences (addresses for arm-none-eabi-addr2line). Blocks are kept in
 * fixed chunks because TCG code holds pointers to their counters. */
struct block {
    uint64_t vaddr;
    uint64_t insns;
    uint64_t executions;      /* updated inline by TCG */
    uint64_t at_inference;    /* executions when the current inference began */
    uint64_t in_inferences;   /* executions inside inferences */
};
#define BLOCK_CHUNK 4096
#define MAX_CHUNKS 256
static struct block *chunks[MAX_CHUNKS];
static size_t block_count;
static int hot_blocks;

static struct block *new_block(uint64_t vaddr, uint64_t insns)
{
    size_t chunk = block_count / BLOCK_CHUNK;
    if (chunk >= MAX_CHUNKS) {
        return NULL;
    }
    if (chunks[chunk] == NULL) {
        chunks[chunk] = calloc(BLOCK_CHUNK, sizeof(struct block));
        if (chunks[chunk] == NULL) {
            return NULL;
        }
    }
    struct block *b = &chunks[chunk][block_count % BLOCK_CHUNK];
    block_count++;
    b->vaddr = vaddr;
    b->insns = insns;
    return b;
}

#define BLOCK(i) (&chunks[(i) / BLOCK_CHUNK][(i) % BLOCK_CHUNK])

static void blocks_inference_edge(int begin)
{
    for (size_t i = 0; i < block_count; i++) {
        struct block *b = BLOCK(i);
        if (begin) {
            b->at_inference = b->executions;
        } else {
            b->in_inferences += b->executions - b->at_inference;
        }
    }
}

static int in_inference;
static uint64_t inference_start, op_start;
static int inference_index, op_index, op_open;
static FILE *out;

static void emit(const char *line)
{
    if (out != NULL) {
        fputs(line, out);
        fflush(out);
    } else {
        qemu_plugin_outs(line);
    }
}

/* userdata = marker kind | (instructions of its block from the marker on) << 8. In block mode
 * the block's whole count was added on entry, so those are subtracted: a snapshot is always the
 * count *before* the marker's first instruction, in both modes. */
static void on_marker(unsigned int vcpu, void *userdata)
{
    (void)vcpu;
    char line[128];
    const uintptr_t data = (uintptr_t)userdata;
    const uint64_t executed_before = executed - (count_per_insn ? 0 : (uint64_t)(data >> 8));
    switch ((enum marker)(data & 0xff)) {
    case MARK_IBEGIN:
        in_inference = 1;
        op_index = 0;
        op_open = 0;
        inference_start = executed_before;
        if (hot_blocks > 0) {
            blocks_inference_edge(1);
        }
        break;
    case MARK_IEND:
        if (in_inference) {
            snprintf(line, sizeof line, "inference %d %" PRIu64 " ops %d\n", inference_index,
                     executed_before - inference_start, op_index);
            emit(line);
            inference_index++;
            in_inference = 0;
            if (hot_blocks > 0) {
                blocks_inference_edge(0);
            }
        }
        break;
    case MARK_BEGIN:
        op_start = executed_before;
        op_open = 1;
        break;
    case MARK_END:
        if (in_inference && op_open) {
            snprintf(line, sizeof line, "op %d %d %" PRIu64 "\n", inference_index, op_index,
                     executed_before - op_start);
            emit(line);
            op_index++;
            op_open = 0;
        }
        break;
    default:
        break;
    }
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    if (!count_per_insn) {
        qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &executed, n);
    }
    if (hot_blocks > 0 && n > 0) {
        struct block *b = new_block(qemu_plugin_insn_vaddr(qemu_plugin_tb_get_insn(tb, 0)), n);
        if (b != NULL) {
            qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->executions, 1);
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        if (count_per_insn) {
            qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
        }
        uint64_t vaddr = qemu_plugin_insn_vaddr(insn);
        for (int m = 0; m < MARK_COUNT; m++) {
            if (marker_set[m] && vaddr == marker_addr[m]) {
                qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker, QEMU_PLUGIN_CB_NO_REGS,
                                                       (void *)((uintptr_t)m | (uintptr_t)(n - i) << 8));
            }
        }
    }
}

static int by_address(const void *a, const void *b)
{
    const struct block *x = a, *y = b;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static int by_cost(const void *a, const void *b)
{
    const struct block *x = a, *y = b;
    uint64_t cx = x->insns * x->in_inferences, cy = y->insns * y->in_inferences;
    return cx > cy ? -1 : cx < cy;
}

/* A block can be translated more than once; its figures are merged by start address. */
static void report_hot_blocks(void)
{
    struct block *all = calloc(block_count + 1, sizeof *all);
    if (all == NULL) {
        return;
    }
    for (size_t i = 0; i < block_count; i++) {
        all[i] = *BLOCK(i);
    }
    qsort(all, block_count, sizeof *all, by_address);
    size_t merged = 0;
    for (size_t i = 0; i < block_count; i++) {
        if (merged > 0 && all[merged - 1].vaddr == all[i].vaddr && all[merged - 1].insns == all[i].insns) {
            all[merged - 1].in_inferences += all[i].in_inferences;
        } else {
            all[merged++] = all[i];
        }
    }
    qsort(all, merged, sizeof *all, by_cost);
    char line[128];
    for (size_t i = 0; i < merged && i < (size_t)hot_blocks && all[i].in_inferences > 0; i++) {
        snprintf(line, sizeof line, "hot 0x%08" PRIx64 " insns %" PRIu64 " runs %" PRIu64 " total %" PRIu64 "\n",
                 all[i].vaddr, all[i].insns, all[i].in_inferences, all[i].insns * all[i].in_inferences);
        emit(line);
    }
    free(all);
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    if (hot_blocks > 0) {
        report_hot_blocks();
    }
    char line[96];
    snprintf(line, sizeof line, "total %" PRIu64 "\n", executed);
    emit(line);
    if (out != NULL) {
        fclose(out);
        out = NULL;
    }
}

static int fail(const char *message)
{
    fprintf(stderr, "insn_count: %s\n", message);
    return -1;
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    (void)info;
    const char *out_path = NULL;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *eq = strchr(arg, '=');
        if (eq == NULL) {
            return fail("arguments are key=value (ibegin, iend, begin, end, out, count, hot)");
        }
        size_t key_len = (size_t)(eq - arg);
        if (key_len == 3 && strncmp(arg, "out", 3) == 0) {
            out_path = eq + 1;
            continue;
        }
        if (key_len == 3 && strncmp(arg, "hot", 3) == 0) {
            hot_blocks = atoi(eq + 1);
            continue;
        }
        if (key_len == 5 && strncmp(arg, "count", 5) == 0) {
            if (strcmp(eq + 1, "insn") != 0 && strcmp(eq + 1, "tb") != 0) {
                return fail("count= is tb (default) or insn");
            }
            count_per_insn = strcmp(eq + 1, "insn") == 0;
            continue;
        }
        int known = 0;
        for (int m = 0; m < MARK_COUNT; m++) {
            if (strlen(marker_keys[m]) == key_len && strncmp(arg, marker_keys[m], key_len) == 0) {
                char *end;
                unsigned long long v = strtoull(eq + 1, &end, 0);
                if (*end != '\0' || end == eq + 1) {
                    return fail("marker address is not a number");
                }
                /* Thumb function symbols may carry bit 0; instructions are at even addresses. */
                marker_addr[m] = v & ~1ull;
                marker_set[m] = 1;
                known = 1;
            }
        }
        if (!known) {
            return fail("unknown argument (expected ibegin, iend, begin, end, out, count, hot)");
        }
    }
    if (!marker_set[MARK_IBEGIN] || !marker_set[MARK_IEND]) {
        return fail("ibegin= and iend= (whole-inference marker addresses) are required");
    }
    for (int a = 0; a < MARK_COUNT; a++) {
        for (int b = a + 1; b < MARK_COUNT; b++) {
            if (marker_set[a] && marker_set[b] && marker_addr[a] == marker_addr[b]) {
                return fail("two markers share one address (folded identical functions?)");
            }
        }
    }
    if (out_path != NULL) {
        out = fopen(out_path, "w");
        if (out == NULL) {
            return fail("cannot open the out= file");
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
    return 0;
}
