using System.Runtime.CompilerServices;

namespace DigitLock.Inference.Native
{
    /// <summary>
    /// The C inference engine inside a custom nanoCLR (native interop): one model at a time,
    /// held in fixed native buffers. These are the assembly's only methods: the nanoCLR binds
    /// them by position in the generated method table (native-interop/nanoclr) and by the
    /// checksum of their signatures, so adding, removing, reordering or changing any of them
    /// needs the C++ stubs regenerated (docs/nanoframework.md, "Native inference module").
    /// Return values are the engine's dl_status codes (0 = OK) unless stated otherwise.
    /// </summary>
    public static class NativeInference
    {
        /// <summary>
        /// Validates <paramref name="model"/> (a .tflite file) and, when valid and within the
        /// native buffers, copies and prepares it. On any failure the previous model stays.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Load(byte[] model);

        /// <summary>
        /// Runs the model on 784 pixels (0 background .. 255 ink; fed as int8 = pixel - 128)
        /// and fills 10 scores 0..255. Returns the best digit, or -1 when no model is loaded.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Classify(byte[] image, byte[] scores);

        /// <summary>
        /// Fills <paramref name="values"/> with up to 8 figures of the loaded model, in this order:
        /// model bytes, arena bytes it needs, activation bytes, input bytes, output bytes, op
        /// count, model buffer capacity, arena capacity. Returns how many it wrote; -1 when no
        /// model is loaded.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Info(int[] values);

        /// <summary>
        /// Copies the value of the model's metadata entry named by the ASCII bytes
        /// <paramref name="name"/> into <paramref name="value"/>; returns its full length, or -1.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Metadata(byte[] name, byte[] value);

        /// <summary>Copies the last load error's one-line message (ASCII) and returns its length.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int LastError(byte[] message);
    }
}
