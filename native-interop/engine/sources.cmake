# Engine sources, plain C11 with no host-only headers: the host build
# (CMakeLists.txt here) and the Cortex-M7 build (native-interop/m7) both
# include this file. Paths are relative to this directory.
set(DL_ENGINE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(DL_ENGINE_SOURCES
  ${DL_ENGINE_DIR}/src/fb.c
  ${DL_ENGINE_DIR}/src/model.c
  ${DL_ENGINE_DIR}/src/engine.c
  ${DL_ENGINE_DIR}/src/quant.c
  ${DL_ENGINE_DIR}/src/conv_s8_ref.c
  ${DL_ENGINE_DIR}/src/conv_s8_opt.c
  ${DL_ENGINE_DIR}/src/dwconv_s8_ref.c
  ${DL_ENGINE_DIR}/src/dwconv_s8_opt.c
  ${DL_ENGINE_DIR}/src/fc_s8_ref.c
  ${DL_ENGINE_DIR}/src/fc_s8_opt.c
  ${DL_ENGINE_DIR}/src/pool_s8.c
  ${DL_ENGINE_DIR}/src/softmax_s8.c
  ${DL_ENGINE_DIR}/src/quantize_s8.c
)
set(DL_ENGINE_INCLUDE_DIRS ${DL_ENGINE_DIR}/include ${DL_ENGINE_DIR}/src)
# Softmax must round like TFLite's float code: no fused multiply-add.
set(DL_ENGINE_C_FLAGS -ffp-contract=off)
