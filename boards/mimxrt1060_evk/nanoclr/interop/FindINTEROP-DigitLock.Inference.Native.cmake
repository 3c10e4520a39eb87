#
# nf-interpreter CMake module for the DigitLock.Inference.Native interop assembly.
# Goes to <nf-interpreter>/CMake/Modules/; found because NF_INTEROP_ASSEMBLIES lists
# "DigitLock.Inference.Native" (FindNF_NativeAssemblies.cmake: find_package("INTEROP-<name>") and
# then reads <name>_INCLUDE_DIRS / <name>_SOURCES).
#
# Expected layout (docs/rt1060-port.md):
#   InteropAssemblies/DigitLock.Inference.Native/*.cpp, *.h   <- native-interop/nanoclr (not surface/)
#   InteropAssemblies/DigitLock.Inference.Native/engine/      <- native-interop/engine/{include,src,sources.cmake}
#
set(DL_INTEROP_DIR "${CMAKE_SOURCE_DIR}/InteropAssemblies/DigitLock.Inference.Native")

# DL_ENGINE_SOURCES, DL_ENGINE_INCLUDE_DIRS, DL_ENGINE_C_FLAGS
include("${DL_INTEROP_DIR}/engine/sources.cmake")

set(DigitLock.Inference.Native_INCLUDE_DIRS
    "${DL_INTEROP_DIR}"
    ${DL_ENGINE_INCLUDE_DIRS}
    "${CMAKE_SOURCE_DIR}/src/CLR/Core"
    "${CMAKE_SOURCE_DIR}/src/CLR/Include"
    "${CMAKE_SOURCE_DIR}/src/HAL/Include"
    "${CMAKE_SOURCE_DIR}/src/PAL/Include")

set(DL_GLUE_SOURCES
    "${DL_INTEROP_DIR}/DigitLock_Inference_Native.cpp"
    "${DL_INTEROP_DIR}/DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference.cpp"
    "${DL_INTEROP_DIR}/DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference_mshl.cpp")

set(DigitLock.Inference.Native_SOURCES ${DL_GLUE_SOURCES} ${DL_ENGINE_SOURCES})

# Buffer sizes for this board: the shipped model is 25,104 bytes as a file (17 KB of weights) and
# needs an ~18 KB arena; 32 KB each leaves room for a retrained model. g_model goes to ITCM and
# g_arena stays in DTCM (MIMXRT10xx-ld.patch); both TCMs are 128 KB.
set_source_files_properties(${DL_GLUE_SOURCES} PROPERTIES COMPILE_DEFINITIONS
    "DL_NANOCLR_MODEL_CAPACITY=32768;DL_NANOCLR_ARENA_CAPACITY=32768")

# The IMXRT10xx toolchain options build everything with -mfpu=fpv5-sp-d16 (__ARM_FP == 4), which
# turns off the engine's FPv5 paths (VMAXNM/VMINNM clamp, the hand-written 3x3 loop); the RT1062's
# Cortex-M7 has the double-precision FPv5-D16, and hard-float objects of both kinds link together.
# -ffp-contract=off: softmax must round like TFLite's float code (no fused multiply-add).
set_source_files_properties(${DL_ENGINE_SOURCES} PROPERTIES COMPILE_OPTIONS
    "${DL_ENGINE_C_FLAGS};-mfpu=fpv5-d16")

include(FindPackageHandleStandardArgs)
FIND_PACKAGE_HANDLE_STANDARD_ARGS(INTEROP-DigitLock.Inference.Native DEFAULT_MSG
    DigitLock.Inference.Native_INCLUDE_DIRS DigitLock.Inference.Native_SOURCES)
