// Stands in for nf-interpreter's src/CLR/Include/nanoPackStruct.h (struct packing macros),
// which the generated interop headers include; the glue declares no packed structs.
