#ifndef KOMET_DWF_CLIBCRYPTO_SHIM_H
#define KOMET_DWF_CLIBCRYPTO_SHIM_H

// Foundation on Linux has no SHA-256, so it comes from OpenSSL's libcrypto.
#include <openssl/evp.h>
#include <openssl/sha.h>

#endif
