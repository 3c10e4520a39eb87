// Reference-only declarations of nanoFramework.System.IO.FileSystem 1.1.93.
// Declared from github.com/nanoframework/System.IO.FileSystem tag v1.1.93, files
// System.IO.FileSystem/{File,Directory,DirectoryInfo,FileSystemInfo,FileStream,FileMode,
// FileAccess,FileShare,FileAttributes,Path,DriveInfo,DriveType}.cs,
// System.IO.FileSystem/nanoFramework/{SDCard,SDCardSpiParameters,SDCardMmcParameters,
// CardDetectParameters,RemovableDriveEventArgs,StorageEventManager}.cs, Properties/AssemblyInfo.cs.
// Not declared: File.AppendText/OpenText (StreamWriter/StreamReader), FileInfo,
// DirectoryInfo.GetFiles/GetDirectories, DriveInfo.Format, card-detect events.
// Semantics worth knowing: File.Move throws IOException when the destination exists;
// Directory.GetFiles returns full paths; drives are "D:\" (SD card), "I:\" (internal flash).

[assembly: System.Reflection.AssemblyNativeVersion("1.1.0.4")]

namespace System.IO
{
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public enum FileShare
    {
        None = 0,
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    [Flags]
    public enum FileAttributes
    {
        ReadOnly = 0x1,
        Hidden = 0x2,
        System = 0x4,
        Directory = 0x10,
        Archive = 0x20,
        Normal = 0x80,
    }

    public enum DriveType
    {
        Unknown = 0,
        NoRootDirectory = 1,
        Removable = 2,
        Fixed = 3,
        Ram = 4,
    }

    public static class File
    {
        public static void AppendAllText(string path, string contents) { }
        public static void Copy(string sourceFileName, string destFileName) { }
        public static void Copy(string sourceFileName, string destFileName, bool overwrite) { }
        public static FileStream Create(string path) { throw null; }
        public static FileStream Create(string path, int bufferSize) { throw null; }
        public static void Delete(string path) { }
        public static bool Exists(string path) { throw null; }
        public static FileAttributes GetAttributes(string path) { throw null; }
        public static void Move(string sourceFileName, string destFileName) { }
        public static FileStream Open(string path, FileMode mode) { throw null; }
        public static FileStream Open(string path, FileMode mode, FileAccess access) { throw null; }
        public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share) { throw null; }
        public static FileStream OpenRead(string path) { throw null; }
        public static FileStream OpenWrite(string path) { throw null; }
        public static byte[] ReadAllBytes(string path) { throw null; }
        public static string ReadAllText(string path) { throw null; }
        public static void SetAttributes(string path, FileAttributes fileAttributes) { }
        public static void WriteAllBytes(string path, byte[] bytes) { }
        public static void WriteAllText(string path, string contents) { }
    }

    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path) { throw null; }
        public static void Delete(string path) { }
        public static void Delete(string path, bool recursive) { }
        public static bool Exists(string path) { throw null; }
        public static string GetCurrentDirectory() { throw null; }
        public static string[] GetFiles(string path) { throw null; }
        public static string[] GetDirectories(string path) { throw null; }
        public static void Move(string sourceDirName, string destDirName) { }
        public static void SetCurrentDirectory(string path) { }
    }

    public abstract class FileSystemInfo : MarshalByRefObject
    {
        public FileAttributes Attributes { get { throw null; } }
        public virtual string FullName { get { throw null; } }
        public string Extension { get { throw null; } }
        public abstract bool Exists { get; }
        public abstract string Name { get; }
        public abstract void Delete();
        public virtual void Refresh() { }
        protected abstract void HandleRefreshError();
    }

    public sealed class DirectoryInfo : FileSystemInfo
    {
        public DirectoryInfo(string path) { }
        public override string Name { get { throw null; } }
        public override bool Exists { get { throw null; } }
        public DirectoryInfo Root { get { throw null; } }
        public DirectoryInfo Parent { get { throw null; } }
        public void Create() { }
        public DirectoryInfo CreateSubdirectory(string path) { throw null; }
        public void MoveTo(string destDirName) { }
        public override void Delete() { }
        public void Delete(bool recursive) { }
        protected override void HandleRefreshError() { }
        public override string ToString() { throw null; }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { }
        public FileStream(string path, FileMode mode, FileAccess access) { }
        public FileStream(string path, FileMode mode, FileAccess access, FileShare share) { }
        public FileStream(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) { }
        public override bool CanRead { get { throw null; } }
        public override bool CanSeek { get { throw null; } }
        public override bool CanWrite { get { throw null; } }
        public override long Length { get { throw null; } }
        public override long Position { get { throw null; } set { } }
        public string Name { get { throw null; } }
        public override void Close() { }
        protected override void Dispose(bool disposing) { }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override int Read(SpanByte buffer) { throw null; }
        public override int ReadByte() { throw null; }
        public override long Seek(long offset, SeekOrigin origin) { throw null; }
        public override void SetLength(long value) { }
        public override void Write(byte[] buffer, int offset, int count) { }
        public override void WriteByte(byte value) { }
    }

    public static class Path
    {
        public static readonly char DirectorySeparatorChar;
        public static readonly char AltDirectorySeparatorChar;
        public static readonly char VolumeSeparatorChar;
        public static readonly char PathSeparator;
        public static string ChangeExtension(string path, string extension) { throw null; }
        public static string Combine(string path1, string path2) { throw null; }
        public static string GetDirectoryName(string path) { throw null; }
        public static string GetExtension(string path) { throw null; }
        public static string GetFileName(string path) { throw null; }
        public static string GetFileNameWithoutExtension(string path) { throw null; }
        public static string GetFullPath(string path) { throw null; }
        public static char[] GetInvalidFileNameChars() { throw null; }
        public static char[] GetInvalidPathChars() { throw null; }
        public static string GetPathRoot(string path) { throw null; }
        public static bool HasExtension(string path) { throw null; }
        public static bool IsPathRooted(string path) { throw null; }
    }

    public sealed class DriveInfo
    {
        public DriveInfo(string driveName) { }
        public DriveType DriveType { get { throw null; } }
        public string Name { get { throw null; } }
        public long TotalSize { get { throw null; } }
        public static DriveInfo[] GetDrives() { throw null; }
        public void Refresh() { }
        public static string[] GetFileSystems() { throw null; }
        public static void MountRemovableVolumes() { }
    }
}

namespace nanoFramework.System.IO
{
    public class RemovableDriveEventArgs : global::System.EventArgs
    {
        private RemovableDriveEventArgs() { }
        public global::System.IO.DriveInfo Drive { get { throw null; } }
        public RemovableDeviceEvent Event { get { throw null; } }

        public enum RemovableDeviceEvent
        {
            Inserted,
            Removed,
        }
    }

    public delegate void RemovableDeviceEventHandler(object sender, RemovableDriveEventArgs e);

    public static class StorageEventManager
    {
        public static event RemovableDeviceEventHandler RemovableDeviceInserted;
        public static event RemovableDeviceEventHandler RemovableDeviceRemoved;
    }
}

namespace nanoFramework.System.IO.FileSystem
{
    public class SDCardSpiParameters
    {
        public uint slotIndex = 0;
        public uint spiBus;
        public uint chipSelectPin;
    }

    public class SDCardMmcParameters
    {
        public uint slotIndex = 0;
        public SDCard.SDDataWidth dataWidth;
    }

    public class CardDetectParameters
    {
        public bool enableCardDetectPin;
        public bool cardDetectedState;
        public uint cardDetectPin;
        public bool autoMount;
    }

    public class SDCard : global::System.IDisposable
    {
        public SDCard(uint slotIndex = 0) { }
        public SDCard(SDCardMmcParameters mmcParameters, CardDetectParameters cdParameters = null) { }
        public SDCard(SDCardSpiParameters spiParameters, CardDetectParameters cdParameters = null) { }
        public SDInterfaceType CardType { get { throw null; } }
        public bool IsMounted { get { throw null; } }
        public bool CardDetectEnabled { get { throw null; } }
        public uint SlotIndex { get { throw null; } }
        public bool IsCardDetected { get { throw null; } }
        public void Mount() { }
        public void Unmount() { }
        public void Dispose() { }

        public enum SDInterfaceType
        {
            System,
            Mmc,
            Spi,
        }

        public enum SDDataWidth
        {
            _1_bit = 1,
            _4_bit = 2,
        }
    }
}
