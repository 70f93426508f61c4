#ifndef KOMET_DWF_CLIBXML2_SHIM_H
#define KOMET_DWF_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, whose headers clash with the copy that Foundation on Linux
// carries. Only ICU-specific fields at the end of xmlCharEncodingHandler depend on this macro,
// and no code here reads or allocates that struct.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#endif
