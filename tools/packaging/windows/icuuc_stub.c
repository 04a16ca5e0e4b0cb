/* A stand-in for Windows' system icuuc.dll, for the Wine test prefix ONLY (never shipped).
 *
 * Qt 6.11's Qt6Core.dll links the ICU converter functions of the icuuc.dll that Windows 10
 * (1703 and later) and 11 carry in System32; Wine has none, so without this no Qt program
 * starts under Wine. Every converter reports "not available" (U_FILE_ACCESS_ERROR), so Qt
 * falls back to its own UTF-8/UTF-16/Latin-1 codecs, which are all the app uses.
 * Built in the Wine root by tools/packaging/windows/wine_root.py with mingw-w64. */
#include <stddef.h>
#include <stdint.h>

typedef int32_t UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *status) { if (status && *status <= 0) *status = U_FILE_ACCESS_ERROR; }

EXPORT void *ucnv_open(const char *name, UErrorCode *status) { (void)name; fail(status); return NULL; }
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *status) { (void)c; fail(status); return NULL; }
EXPORT void ucnv_getToUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *c, void *a, const void *n, void **oa, const void **oc, UErrorCode *status) { (void)c; (void)a; (void)n; (void)oa; (void)oc; fail(status); }
EXPORT void ucnv_setFromUCallBack(void *c, void *a, const void *n, void **oa, const void **oc, UErrorCode *status) { (void)c; (void)a; (void)n; (void)oa; (void)oc; fail(status); }
EXPORT void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *status) { (void)a; (void)s; (void)l; (void)o; fail(status); }
EXPORT void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *e, int32_t o, UErrorCode *status) { (void)a; (void)s; (void)e; (void)o; fail(status); }
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *status) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(status); }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *status) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(status); }
EXPORT int32_t ucnv_toUCountPending(const void *c, UErrorCode *status) { (void)c; fail(status); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *c, UErrorCode *status) { (void)c; fail(status); return 0; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *status) { (void)n; (void)s; fail(status); return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void *c, void *a, const void *u, int32_t l, int32_t cp, int r, UErrorCode *status) { (void)c; (void)a; (void)u; (void)l; (void)cp; (void)r; fail(status); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void *c, void *a, const char *b, int32_t l, int r, UErrorCode *status) { (void)c; (void)a; (void)b; (void)l; (void)r; fail(status); }
