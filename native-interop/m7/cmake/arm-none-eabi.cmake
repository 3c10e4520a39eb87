# Toolchain for the Cortex-M7 image (QEMU mps2-an500; same core as the i.MX RT1060).
# Use: cmake -S native-interop/m7 -B build/m7/x -DCMAKE_TOOLCHAIN_FILE=native-interop/m7/cmake/arm-none-eabi.cmake
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR cortex-m7)

find_program(ARM_GCC arm-none-eabi-gcc)
if(NOT ARM_GCC)
  message(FATAL_ERROR "arm-none-eabi-gcc not found: install it with ./tests/setup")
endif()
get_filename_component(_arm_bin "${ARM_GCC}" DIRECTORY)

set(CMAKE_C_COMPILER "${_arm_bin}/arm-none-eabi-gcc")
set(CMAKE_ASM_COMPILER "${_arm_bin}/arm-none-eabi-gcc")
set(CMAKE_OBJCOPY "${_arm_bin}/arm-none-eabi-objcopy" CACHE FILEPATH "")
set(CMAKE_SIZE "${_arm_bin}/arm-none-eabi-size" CACHE FILEPATH "")
set(CMAKE_NM "${_arm_bin}/arm-none-eabi-nm" CACHE FILEPATH "")

# The compiler cannot link a test executable without our startup code and linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(DL_M7_CPU_FLAGS "-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard")
# -g only adds debug sections (for addr2line in hot-blocks); text and data are unchanged.
set(CMAKE_C_FLAGS_INIT "${DL_M7_CPU_FLAGS} -g -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${DL_M7_CPU_FLAGS}")
set(CMAKE_C_FLAGS_RELEASE_INIT "-O2")
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "${DL_M7_CPU_FLAGS} --specs=nano.specs --specs=rdimon.specs -nostartfiles -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
