/* Minimal test harness: one PASS/FAIL line per test case, details of the first failed check. */
#ifndef RT_CHECK_H
#define RT_CHECK_H
#include <stdio.h>

static int g_case_failed, g_cases_failed, g_cases_run;
static char g_case_detail[256];

#define CHECK(cond)                                                                                             \
    do                                                                                                          \
    {                                                                                                           \
        if (!(cond) && !g_case_failed)                                                                          \
        {                                                                                                       \
            g_case_failed = 1;                                                                                  \
            snprintf(g_case_detail, sizeof g_case_detail, "%s:%d: %s", __FILE__, __LINE__, #cond);              \
        }                                                                                                       \
    } while (0)

#define CHECK_EQ(a, b)                                                                                          \
    do                                                                                                          \
    {                                                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                                   \
        if (va_ != vb_ && !g_case_failed)                                                                       \
        {                                                                                                       \
            g_case_failed = 1;                                                                                  \
            snprintf(g_case_detail, sizeof g_case_detail, "%s:%d: %s == %s (0x%llx != 0x%llx)", __FILE__,     \
                     __LINE__, #a, #b, va_, vb_);                                                               \
        }                                                                                                       \
    } while (0)

#define RUN(fn, label)                                                                                          \
    do                                                                                                          \
    {                                                                                                           \
        g_case_failed = 0;                                                                                      \
        g_case_detail[0] = 0;                                                                                   \
        fn();                                                                                                   \
        g_cases_run++;                                                                                          \
        if (g_case_failed)                                                                                      \
        {                                                                                                       \
            g_cases_failed++;                                                                                   \
            printf("FAIL  %s: %s\n", label, g_case_detail);                                                     \
        }                                                                                                       \
        else                                                                                                    \
        {                                                                                                       \
            printf("PASS  %s\n", label);                                                                        \
        }                                                                                                       \
    } while (0)

#endif
