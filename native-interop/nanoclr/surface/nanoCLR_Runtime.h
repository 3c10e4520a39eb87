// Stands in for nf-interpreter's src/CLR/Include/nanoCLR_Runtime.h, which the generated
// interop headers include; the glue needs nothing from it beyond the interop declarations.
#include "nanoCLR_Interop.h"
