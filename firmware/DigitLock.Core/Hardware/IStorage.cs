namespace DigitLock.Core.Hardware
{
    /// <summary>
    /// Persistent storage (SD card or internal flash) addressed by '/'-separated relative paths.
    /// Small on purpose so a board, the simulator and a test fake can each implement it fully.
    /// Writers use <see cref="WriteAtomic"/> so a power cut never leaves a half-written file.
    /// </summary>
    public interface IStorage
    {
        /// <summary>False when the card is missing; every other call then throws StorageException.</summary>
        bool IsPresent { get; }

        bool Exists(string path);

        byte[] ReadAll(string path);

        /// <summary>Writes to a temporary name, then renames over <paramref name="path"/>.</summary>
        void WriteAtomic(string path, byte[] data);

        void Delete(string path);

        void CreateDirectory(string path);

        /// <summary>Names (not paths) of the files directly in a directory, sorted ordinally.</summary>
        string[] ListFiles(string directory);
    }
}
