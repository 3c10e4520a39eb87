# Engine sources the harness links: the engine's own list and flags (native-interop/engine/
# sources.cmake), so the M7 image, the host harness and libdl_engine build the same kernels
# the same way.
if(NOT EXISTS "${DL_ENGINE_DIR}/sources.cmake")
  message(FATAL_ERROR "${DL_ENGINE_DIR}/sources.cmake is missing: the harness links the engine's source list")
endif()
include("${DL_ENGINE_DIR}/sources.cmake")
set(DL_M7_ENGINE_SOURCES ${DL_ENGINE_SOURCES})
set(DL_M7_ENGINE_INCLUDES ${DL_ENGINE_INCLUDE_DIRS})
set(DL_M7_ENGINE_C_FLAGS ${DL_ENGINE_C_FLAGS})
if(NOT DL_M7_ENGINE_SOURCES)
  message(FATAL_ERROR "${DL_ENGINE_DIR}/sources.cmake lists no DL_ENGINE_SOURCES")
endif()
