#ifndef KOMET_DWF_CZLIB_SHIM_H
#define KOMET_DWF_CZLIB_SHIM_H

#include <zlib.h>

/// Starts a raw deflate stream (no zlib header), as ZIP entries store them.
/// Swift cannot call the function-like macro inflateInit2, so this wraps inflateInit2_.
static inline int komet_inflate_init_raw(z_streamp stream) {
  return inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, (int)sizeof(z_stream));
}

#endif
