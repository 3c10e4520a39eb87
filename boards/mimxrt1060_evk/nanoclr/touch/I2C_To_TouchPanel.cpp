//
// nanoFramework.Graphics touch *interface* for the MIMXRT1060-EVK(B): the controller's I2C link
// (LPI2C1), selected by TOUCHPANEL_INTERFACE="I2C_To_TouchPanel.cpp" (CONFIG_TOUCH_IFACE_I2C).
// nf-interpreter's TouchPanel.cpp defines g_TouchInterface and links against these two methods;
// the RT1060 touch device itself talks to the bus through rt1060_touch_board.
//
#include "TouchInterface.h"

#include "rt1060_touch_board.h"

namespace
{
CLR_UINT8 s_readBuffer[32];
}

bool TouchInterface::Initialize()
{
    return rt1060_touch_board_detect() != RT_TOUCH_NONE;
}

CLR_UINT8 *TouchInterface::Write_Read(CLR_UINT8 *valuesToSend, CLR_UINT16 numberOfValuesToSend,
                                      CLR_UINT16 numberValuesExpected)
{
    // The interface returns a buffer, never an error: on any failure the caller reads zeros.
    for (unsigned i = 0; i < sizeof s_readBuffer; i++)
    {
        s_readBuffer[i] = 0;
    }
    if (numberValuesExpected > sizeof s_readBuffer ||
        rt1060_touch_board_transfer(valuesToSend, numberOfValuesToSend, s_readBuffer, numberValuesExpected) != RT_I2C_OK)
    {
        for (unsigned i = 0; i < sizeof s_readBuffer; i++)
        {
            s_readBuffer[i] = 0;
        }
    }
    return s_readBuffer;
}
