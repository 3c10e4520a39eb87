using System;
using DigitLock.Core.Hardware;
using DigitLock.Inference.Native;

namespace DigitLock.Board
{
    /// <summary>
    /// <see cref="IDigitClassifier"/> on the native interop engine of a custom nanoCLR (the
    /// MIMXRT1060-EVK build). Compiled into the board app with the portable core, not into the
    /// interop assembly: that assembly holds only the native methods, whose order the C++ method
    /// table depends on.
    /// </summary>
    public sealed class NativeDigitClassifier : IDigitClassifier
    {
        private const int ErrorBytes = 160;

        private readonly int[] _info = new int[8];

        /// <summary>Loads <paramref name="model"/>; throws with the engine's message when it is refused.</summary>
        public NativeDigitClassifier(byte[] model)
        {
            Load(model);
        }

        /// <summary>Replaces the model; a refused file throws and the previous model stays in use.</summary>
        public void Load(byte[] model)
        {
            if (model == null)
                throw new ArgumentNullException("model");
            int status = NativeInference.Load(model);
            if (status != 0)
                throw new InvalidOperationException("model refused (status " + status + "): " + LastError());
        }

        public int Classify(byte[] image28x28, byte[] scores)
        {
            return NativeInference.Classify(image28x28, scores);
        }

        /// <summary>Arena bytes the loaded model uses (0 when none is loaded).</summary>
        public int ArenaBytes
        {
            get { return NativeInference.Info(_info) > 1 ? _info[1] : 0; }
        }

        /// <summary>The model's digitlock.name metadata, or "" when it has none.</summary>
        public string ModelName
        {
            get { return MetadataText("digitlock.name"); }
        }

        /// <summary>The model's digitlock.version metadata, or "" when it has none.</summary>
        public string ModelVersion
        {
            get { return MetadataText("digitlock.version"); }
        }

        private static string MetadataText(string key)
        {
            byte[] name = Ascii(key);
            byte[] value = new byte[64];
            int length = NativeInference.Metadata(name, value);
            if (length < 0)
                return "";
            return Text(value, length < value.Length ? length : value.Length);
        }

        private static string LastError()
        {
            byte[] message = new byte[ErrorBytes];
            int length = NativeInference.LastError(message);
            return Text(message, length < message.Length ? length : message.Length);
        }

        private static byte[] Ascii(string s)
        {
            byte[] bytes = new byte[s.Length];
            for (int i = 0; i < s.Length; ++i)
                bytes[i] = (byte)s[i];
            return bytes;
        }

        private static string Text(byte[] bytes, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; ++i)
                chars[i] = (char)bytes[i];
            return new string(chars);
        }
    }
}
