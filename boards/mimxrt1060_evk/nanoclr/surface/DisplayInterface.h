// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/Graphics/Displays/DisplayInterface.h.
// Only the Screen part of DisplayInterfaceConfig is read by the eLCDIF interface; the union with
// the SPI/I2C/video members is kept in shape because the real struct has it.
#ifndef RT_SURFACE_DISPLAY_INTERFACE_H
#define RT_SURFACE_DISPLAY_INTERFACE_H
#include "nanoCLR_Types.h"

struct DisplayInterfaceConfig
{
    union {
        struct
        {
            CLR_UINT8 spiBus;
            CLR_INT32 chipSelect;
            CLR_INT32 dataCommand;
            CLR_INT32 reset;
            CLR_INT32 backLight;
        } Spi;
        struct
        {
            CLR_INT8 i2cBus;
            CLR_INT8 address;
            CLR_INT8 fastMode;
        } I2c;
    };
    struct
    {
        CLR_UINT16 x;
        CLR_UINT16 y;
        CLR_UINT16 width;
        CLR_UINT16 height;
    } Screen;
};

struct DisplayInterface
{
    void Initialize(DisplayInterfaceConfig &config);
    void GetTransferBuffer(CLR_UINT8 *&BufferAddress, CLR_UINT32 &sizeInBytes);
    void ClearFrameBuffer();
    void WriteToFrameBuffer(CLR_UINT8 command, CLR_UINT8 data[], CLR_UINT32 dataCount, CLR_UINT32 frameOffset = 0);
    void DisplayBacklight(bool on);
    void SendCommand(CLR_UINT8 arg_count, ...);
    void SendBytes(CLR_UINT8 *data, CLR_UINT32 length);
    void SendData16Windowed(
        CLR_UINT16 *data,
        CLR_UINT32 startX,
        CLR_UINT32 startY,
        CLR_UINT32 width,
        CLR_UINT32 height,
        CLR_UINT32 stride,
        bool doByteSwap);
    void FillData16(CLR_UINT16 fillValue, CLR_UINT32 fillLength);
    void SetCommandMode(int mode);
};
#endif
